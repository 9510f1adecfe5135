// Starts the local stack exactly as `npm start` does (a child process running local/main.ts) on a
// free port with its own data folder, and waits for its ready line.
//
// The child runs in a process group of its own (`detached`), with DynamoDB Local's java in it, so
// whatever happens the whole group can be killed: when the start fails (no ready line within the
// deadline, an early exit, a spawn error, an abort), when a stop takes too long, and when this
// process exits without having stopped it (a failed test or benchmark, process.exit after a
// signal). A data folder spawnStack made itself is deleted with it. Being in its own group, the
// child no longer gets the terminal's Ctrl-C: whoever spawns it stops it (bench/run.ts does on
// SIGINT and SIGTERM; vitest exits, which the exit hook covers).
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

export interface SpawnStackOptions {
  dataDir?: string;
  manifestModule?: string;
  reset?: boolean;
  seedStudents?: number;
  /** The gateway's port, when the caller must know the URL first (an issuer's redirect URIs); else a free one. */
  port?: number;
  /** More environment for the stack (OIDC_ISSUER, say). */
  env?: Record<string, string>;
  /**
   * How long to wait for the ready line (DynamoDB Local's start and the seeding included), in ms.
   * Default: STACK_START_TIMEOUT_S seconds from the environment, else 10 minutes.
   */
  startTimeoutMs?: number;
  /** How long a stop may take before the stack is killed, in ms (default 30 s). */
  stopTimeoutMs?: number;
  /** Aborting it while the stack starts kills the stack and rejects. */
  signal?: AbortSignal;
}

const ROOT = resolve(import.meta.dirname, '..');
const READY = /Local stack ready at (\S+)/;
const DEFAULT_START_TIMEOUT_MS = 600_000;
/** How much of the stack's output a failure quotes. */
const OUTPUT_TAIL = 6_000;

function startTimeout(options: SpawnStackOptions): number {
  if (options.startTimeoutMs !== undefined) return options.startTimeoutMs;
  const seconds = Number(process.env.STACK_START_TIMEOUT_S);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_START_TIMEOUT_MS;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export async function spawnStack(options: SpawnStackOptions = {}): Promise<RunningStack> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'xueji-test-'));
  const startTimeoutMs = startTimeout(options);
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  options.signal?.throwIfAborted();
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'local/main.ts'), ...(options.reset ? ['--reset'] : [])], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_STUDENTS: options.seedStudents === undefined ? (process.env.SEED_STUDENTS ?? '0') : String(options.seedStudents),
      ...(options.manifestModule ? { MANIFEST_MODULE: options.manifestModule } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const tail = () => (output.length > OUTPUT_TAIL ? `…${output.slice(-OUTPUT_TAIL)}` : output);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<number | null>((resolveExit) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolveExit(code);
    }),
  );
  // A spawn error is reported by the wait below; afterwards (a failed kill, say) it is only logged.
  child.on('error', (error) => (output += `\n[child-stack] ${error.message}\n`));
  const closed = new Promise<void>((resolveClose) => child.once('close', () => resolveClose()));
  const exitedWithin = (ms: number) => Promise.race([exited.then(() => true), sleep(ms).then(() => false)]);

  /** Signals the child's whole group (it and DynamoDB Local); false when nothing is left in it. */
  const signalGroup = (signal: NodeJS.Signals): boolean => {
    if (child.pid === undefined) return false;
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  // Should this process exit with the stack still up (a crash, process.exit after a signal, a
  // failed run that never stopped it), the stack goes with it: nothing else would stop it.
  const onParentExit = () => {
    signalGroup('SIGKILL');
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', onParentExit);
  const settle = () => {
    process.off('exit', onParentExit);
    // Whatever is left of the group (a DynamoDB Local that outlived its parent) goes too.
    signalGroup('SIGKILL');
  };
  /** Ends a stack that failed to start: SIGTERM to the group, SIGKILL after 5 s, data folder gone. */
  const abandon = async (): Promise<string> => {
    const wasRunning = exit === undefined && child.pid !== undefined;
    if (wasRunning) {
      signalGroup('SIGTERM');
      if (!(await exitedWithin(5_000))) {
        signalGroup('SIGKILL');
        await exitedWithin(5_000);
      }
    }
    settle();
    // The last of its output (why it exited, often) may still be in the pipes.
    await Promise.race([closed, sleep(1_000)]);
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    const killed =
      child.pid === undefined ? 'it never ran' : wasRunning ? `killed it (pid ${child.pid}) and its process group (DynamoDB Local)` : 'killed what was left of its process group (DynamoDB Local)';
    return `${killed}${ownDataDir ? `, deleted its data folder ${dataDir}` : ''}`;
  };

  try {
    await new Promise<void>((ready, fail) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        child.off('exit', onExit);
        child.off('error', onError);
        if (error) fail(error);
        else ready();
      };
      // Called after the listeners above, so `output` already ends with this chunk.
      const onData = (chunk: Buffer) => {
        if (READY.test(output.slice(-(chunk.length + 200)))) finish();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish(new Error(`local stack exited (${signal ?? `code ${code}`}) before it was ready`));
      const onError = (error: Error) => finish(new Error(`local stack could not be started: ${error.message}`));
      const onAbort = () => finish(new Error(`local stack start aborted (${String(options.signal?.reason ?? 'abort')})`));
      const timer = setTimeout(
        () => finish(new Error(`local stack printed no ready line within ${Math.round(startTimeoutMs / 1000)} s (raise STACK_START_TIMEOUT_S?)`)),
        startTimeoutMs,
      );
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', onExit);
      child.once('error', onError);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  } catch (error) {
    const what = await abandon();
    throw new Error(`${(error as Error).message}; ${what}. Its output:\n${tail()}`, { cause: error });
  }

  let state: { url: string; endpoints: StackInfo['endpoints'] };
  try {
    state = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as typeof state;
  } catch (error) {
    const what = await abandon();
    throw new Error(`local stack is ready but its runtime.json is unreadable (${(error as Error).message}); ${what}. Its output:\n${tail()}`, { cause: error });
  }

  let stopping: Promise<number | null> | undefined;
  const stop = (): Promise<number | null> =>
    (stopping ??= (async () => {
      if (exit === undefined) {
        // Gracefully first: main.ts stops DynamoDB Local and fauxqs itself on SIGINT.
        child.kill('SIGINT');
        if (!(await exitedWithin(stopTimeoutMs))) {
          output += `\n[child-stack] no exit ${Math.round(stopTimeoutMs / 1000)} s after SIGINT: killing the stack's process group\n`;
          signalGroup('SIGKILL');
        }
      }
      const code = await exited;
      settle();
      return code;
    })());
  return {
    url: state.url,
    endpoints: state.endpoints,
    dataDir,
    output: () => output,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
