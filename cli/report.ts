// The import's report (the file's rows plus a column saying what was wrong with each) saved next
// to the file, or in --out: streamed from its short-lived link straight to disk.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { refusal, send } from './api.ts';
import { CliError } from './exit-codes.ts';

/** Where the report of `file` goes: `<name>.导入报告.xlsx` in `outDir`, or beside the file. */
export function reportPath(file: string, outDir?: string): string {
  const name = basename(file).replace(/\.(xlsx|csv)$/i, '');
  return join(outDir ?? dirname(file), `${name}.导入报告.xlsx`);
}

export async function downloadReport(url: string, path: string): Promise<void> {
  const response = await send(url, { method: 'GET' });
  if (!response.ok || !response.body) throw new CliError(`下载报告失败：${refusal('报告', response.status, await response.text())}`);
  await mkdir(dirname(path), { recursive: true });
  await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), createWriteStream(path));
}
