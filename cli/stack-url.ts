// Where the CLI finds the system when no --url is given: XUEJI_URL, else the local stack that
// `npm start` runs, which records its URL in DATA_DIR/runtime.json (local/main.ts) while it is up
// and removes it when it stops. DATA_DIR is read as npm start reads it; its default `.data` is
// the repository's, since npm start always runs from there.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './exit-codes.ts';

const REPO = resolve(import.meta.dirname, '..');

export function defaultUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XUEJI_URL) return env.XUEJI_URL;
  const stateFile = env.DATA_DIR ? resolve(env.DATA_DIR, 'runtime.json') : resolve(REPO, '.data', 'runtime.json');
  let text: string;
  try {
    text = readFileSync(stateFile, 'utf8');
  } catch {
    throw new CliError(`没有找到运行中的本地系统 (${stateFile} 不存在)：请先 npm start，或用 --url 指定系统地址`);
  }
  const url = (JSON.parse(text) as { url?: unknown }).url;
  if (typeof url !== 'string') throw new CliError(`${stateFile} 中没有系统地址：请用 --url 指定`);
  return url;
}
