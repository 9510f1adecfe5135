// A decision is never lost between its commit and its message: the local runtime is killed
// (kill -9, node and Java) right after an approval committed and before its step message was
// sent, started again on the same data folder, and the outbox sweep sends the step, so the case
// completes and the record changes once. Then the same under load: a burst of approvals cut off
// by kill -9 at a random moment; after the restart every case either completed exactly once or
// still waits at the step whose approval never committed.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { spawnStack, type RunningStack } from '#local/child-stack.ts';

// The sweep sends every unprocessed approval at once instead of after a minute, so the test need not wait.
const STACK_ENV = { OUTBOX_GRACE_SECONDS: '0' };

interface Case {
  changeId: string;
  status: string;
  currentStep: number;
  steps: { status: string }[];
}

function dynamoDbLocals(dataDir: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal') && line.includes(join(dataDir, 'dynamodb')))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

function killGroup(dataDir: string): void {
  const pid = (JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { pid: number }).pid;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    for (const each of [pid, ...dynamoDbLocals(dataDir)]) {
      try {
        process.kill(each, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

async function api<T>(url: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const reply = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await reply.text();
  return { status: reply.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const login = async (url: string, username: string) => (await api<{ token: string }>(url, 'POST', '/v1/auth/dev-login', undefined, { username })).body.token;

/** The school's demo students, for leave cases (one step: the county). */
async function students(url: string, token: string, schoolId: string): Promise<string[]> {
  const reply = await api<{ items: { studentId: string }[] }>(url, 'GET', `/v1/students?schoolId=${schoolId}&limit=100`, token);
  return reply.body.items.map((row) => row.studentId);
}

async function fileLeave(url: string, token: string, studentId: string): Promise<Case> {
  const reply = await api<Case>(url, 'POST', '/v1/changes', token, { type: 'leave', studentId, reason: '病休', from: '2026-10-01', until: '2027-01-31' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/**
 * Waits until no case has an approved step the queue has not processed yet. A message the killed
 * runtime had received but not finished is invisible until its visibility timeout (60 s) ends, as
 * on AWS after a crashed consumer, and its group waits with it: allow for that.
 */
async function settled(url: string, token: string, changeIds: string[]): Promise<Case[]> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const cases = await Promise.all(changeIds.map(async (id) => (await api<Case>(url, 'GET', `/v1/changes/${id}`, token)).body));
    if (cases.every((change) => change.status !== 'pending' || change.steps[change.currentStep]?.status === 'current')) return cases;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('cases did not settle');
}

async function assertExactlyOnce(url: string, cases: Case[], studentOf: Map<string, string>): Promise<void> {
  const registrar = await login(url, 'registrar-th-shiyan');
  for (const change of cases) {
    const studentId = studentOf.get(change.changeId)!;
    const record = await api<{ status: string }>(url, 'GET', `/v1/students/${studentId}`, registrar);
    const history = await api<{ items: { action: string }[] }>(url, 'GET', `/v1/students/${studentId}/history?limit=100`, registrar);
    const applied = history.body.items.filter((entry) => entry.action === 'change.leave').length;
    if (change.status === 'approved') {
      expect(record.body.status).toBe('leave');
      expect(applied).toBe(1);
    } else {
      expect(change.status).toBe('pending');
      expect(record.body.status).toBe('enrolled');
      expect(applied).toBe(0);
    }
  }
}

test('an approval committed before a kill -9 is carried out after the restart, exactly once', { timeout: 360_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xueji-changes-crash-'));
  let stack: RunningStack | undefined;
  const dead: RunningStack[] = [];
  try {
    stack = await spawnStack({ dataDir, seedStudents: 120, env: STACK_ENV });
    let registrar = await login(stack.url, 'registrar-th-shiyan');
    const pool = await students(stack.url, registrar, '2144010601');
    expect(pool.length).toBeGreaterThanOrEqual(8);

    // 1. The exact gap: the approval's transaction commits (as the API commits it), the process dies before sending.
    const studentOf = new Map<string, string>();
    const first = await fileLeave(stack.url, registrar, pool[0]!);
    studentOf.set(first.changeId, pool[0]!);
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', TABLE_RECORDS: 'records' });
    const { commitApproval } = await import('#shared/services/changes/decide.ts');
    await commitApproval({ userId: 'local|tianhe-admin', username: 'tianhe-admin', displayName: '天河区教育局', role: 'county_admin', orgId: '440106', orgPath: '/440000/440100/440106' }, first.changeId);
    killGroup(dataDir);
    dead.push(stack);
    stack = await spawnStack({ dataDir, env: STACK_ENV });
    const run = await fetch(`${stack.url}/local/schedules/ChangeTimers/run?job=outbox`, { method: 'POST' });
    expect(run.status).toBe(200);
    let county = await login(stack.url, 'tianhe-admin');
    const [completed] = await settled(stack.url, county, [first.changeId]);
    expect(completed!.status).toBe('approved');
    await assertExactlyOnce(stack.url, [completed!], studentOf);

    // 2. Under load: approvals in flight when the whole runtime is killed at a random moment.
    registrar = await login(stack.url, 'registrar-th-shiyan');
    const burst = await Promise.all(pool.slice(1, 8).map(async (studentId) => {
      const change = await fileLeave(stack!.url, registrar, studentId);
      studentOf.set(change.changeId, studentId);
      return change.changeId;
    }));
    const killAfter = randomInt(0, burst.length);
    let answered = 0;
    const current = stack;
    await Promise.all(
      burst.map(async (changeId) => {
        try {
          const reply = await api(current.url, 'POST', `/v1/changes/${changeId}/approve`, county, {});
          if (reply.status === 200 && (answered += 1) > killAfter) killGroup(dataDir);
        } catch {
          // Cut off by the kill.
        }
      }),
    );
    killGroup(dataDir);
    dead.push(stack);
    stack = await spawnStack({ dataDir, env: STACK_ENV });
    await fetch(`${stack.url}/local/schedules/ChangeTimers/run?job=outbox`, { method: 'POST' });
    county = await login(stack.url, 'tianhe-admin');
    const after = await settled(stack.url, county, burst);
    await assertExactlyOnce(stack.url, after, studentOf);
    expect(after.filter((change) => change.status === 'approved').length).toBeGreaterThanOrEqual(Math.min(answered, 1));
  } finally {
    await stack?.stop();
    for (const old of dead) await old.stop();
    dynamoDbLocals(dataDir).forEach((pid) => process.kill(pid, 'SIGKILL'));
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
});
