// Starts the local stack exactly as `npm start` does (a child process running local/main.ts) on a
// free port with its own data folder, and waits for its ready line.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.ts';

export interface StackInfo {
  url: string;
  dataDir: string;
  endpoints: { dynamodb: string; s3: string; sqs: string };
}

export interface RunningStack extends StackInfo {
  stop(): Promise<number | null>;
  /** Stops the stack and deletes its data folder. */
  dispose(): Promise<void>;
  output(): string;
}

const ROOT = resolve(import.meta.dirname, '..');

export async function spawnStack(options: { dataDir?: string; manifestModule?: string; reset?: boolean; seedStudents?: number } = {}): Promise<RunningStack> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'xueji-test-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'local/main.ts'), ...(options.reset ? ['--reset'] : [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_STUDENTS: options.seedStudents === undefined ? (process.env.SEED_STUDENTS ?? '0') : String(options.seedStudents),
      ...(options.manifestModule ? { MANIFEST_MODULE: options.manifestModule } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const deadline = Date.now() + 120_000;
  while (!/Local stack ready at (\S+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`local stack exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`local stack did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const state = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { url: string; endpoints: StackInfo['endpoints'] };
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null) return child.exitCode;
    child.kill('SIGINT');
    return exited;
  };
  return {
    url: state.url,
    endpoints: state.endpoints,
    dataDir,
    output: () => output,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
