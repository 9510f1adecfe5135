// Local mode keeps what it acknowledged: concurrent enrolments, kill -9 right after a 201 (the
// whole stack, Java included, or node alone), a restart on the same data folder, and every
// enrolment that was answered 201 is still there; a restart never leaves a second DynamoDB Local
// on the same SQLite files. (DynamoDB Local answers a transaction before its COMMIT has run, and
// its Java used to outlive a killed node: see local/emulators/dynamodb-local.ts.)
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { spawnStack, type RunningStack } from '#local/child-stack.ts';
import { newStudent } from '../support/students.ts';

// Enrolment counts as an ID-number lookup; this test enrols far more than a person would.
process.env.RATE_LIMIT_LOOKUP = '100000/60,100000/86400';

const REGISTRAR = 'registrar-th-shiyan';
/** How each round ends: kill -9 the stack's process group (node and Java), or node alone. */
const ROUNDS = ['group', 'group', 'group', 'node', 'group'] as const;
const BURST = 40;

/** DynamoDB Local processes (java) running on this data folder. */
function dynamoDbLocals(dataDir: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal') && line.includes(join(dataDir, 'dynamodb')))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function login(url: string): Promise<string> {
  const reply = await fetch(`${url}/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: REGISTRAR }) });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { token: string }).token;
}

test('every enrolment answered 201 survives kill -9 and a restart', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xueji-crash-'));
  const killed: RunningStack[] = [];
  let stack: RunningStack | undefined;
  const acknowledged: string[] = [];
  try {
    stack = await spawnStack({ dataDir, seedStudents: 0 });
    for (const [round, how] of ROUNDS.entries()) {
      const { url } = stack;
      const token = await login(url);
      // main.ts, started detached by spawnStack: its pid is its process group's.
      const pid = (JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { pid: number }).pid;
      const killAt = acknowledged.length + randomInt(5, 20);
      let done = false;
      const kill = () => {
        if (done) return;
        done = true;
        if (how === 'node') killQuietly(pid);
        else {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            [pid, ...dynamoDbLocals(dataDir)].forEach(killQuietly);
          }
        }
      };
      await Promise.all(
        Array.from({ length: BURST }, async () => {
          try {
            const reply = await fetch(`${url}/v1/students`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify(newStudent()),
              signal: AbortSignal.timeout(60_000),
            });
            const text = await reply.text();
            if (reply.status !== 201) return;
            acknowledged.push((JSON.parse(text) as { studentId: string }).studentId);
            // Right after a 201, while the stack is busy with the others.
            if (acknowledged.length >= killAt) kill();
          } catch {
            // Cut off by the kill: never acknowledged.
          }
        }),
      );
      kill();
      killed.push(stack);
      stack = undefined;

      stack = await spawnStack({ dataDir });
      expect(dynamoDbLocals(dataDir), `DynamoDB Local processes on the data folder after round ${round + 1} (kill -9 of ${how})`).toHaveLength(1);
      const again = await login(stack.url);
      const missing: string[] = [];
      for (const studentId of acknowledged) {
        const reply = await fetch(`${stack.url}/v1/students/${studentId}`, { headers: { authorization: `Bearer ${again}` } });
        await reply.text();
        if (reply.status === 404) missing.push(studentId);
        else expect(reply.status).toBe(200);
      }
      expect(missing, `answered 201 but gone after round ${round + 1} (kill -9 of ${how}), of ${acknowledged.length} acknowledged`).toEqual([]);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS.length * 5);
  } finally {
    await stack?.stop();
    // Their process groups: whatever a kill -9 of node alone left behind goes now.
    for (const old of killed) await old.stop();
    dynamoDbLocals(dataDir).forEach(killQuietly);
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
});
