// A writing import survives kill -9: the local runtime (node and Java) is killed while the chunks
// of a run are being written, started again on the same data folder, and the sweep resumes the
// stalled job (its chunks not counted yet are sent again; rows already written find their
// markers). The run ends with exactly one record per row: none lost, none twice.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { spawnStack, type RunningStack } from '#local/child-stack.ts';
import { fetchTemplate, nameOf, studentRow, uploadImport, xlsxOf } from '../support/import-files.ts';
import { validIdNumber } from '../support/students.ts';

const SCHOOL = '2144010601';
const ROWS = 1500;
// A stalled job is taken up at the next minute's sweep instead of after two and a half minutes.
const STACK_ENV = { JOB_STALL_SECONDS: '5' };

function dynamoDbLocals(dataDir: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal') && line.includes(join(dataDir, 'dynamodb')))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const reply = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: reply.status, body: (await reply.json()) as T };
}

async function login(url: string): Promise<string> {
  const reply = await fetch(`${url}/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'registrar-th-shiyan' }) });
  return ((await reply.json()) as { token: string }).token;
}

interface View {
  job: { status: string; done: number; total: number } | null;
  rowErrors: unknown[];
  created: number;
  skipped: number;
  failed: number;
}

test('a run cut by kill -9 resumes after a restart and writes every row exactly once', { timeout: 300_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xueji-import-crash-'));
  const stacks: RunningStack[] = [];
  try {
    let stack = await spawnStack({ dataDir, seedStudents: 0, env: STACK_ENV });
    stacks.push(stack);
    let token = await login(stack.url);
    const year = String(2040 + randomInt(50));
    const grade = await api<{ orgId: string }>(stack.url, token, 'POST', `/v1/orgs/${SCHOOL}/children`, { code: year, name: `${year}级` });
    const klass = await api<{ orgId: string }>(stack.url, token, 'POST', `/v1/orgs/${grade.body.orgId}/children`, { code: '1', name: '(1)班' });
    expect(klass.status).toBe(201);
    const template = await fetchTemplate(stack.url, token);
    const ids = Array.from({ length: ROWS }, () => validIdNumber());
    const file = await xlsxOf(template, ids.map((id, index) => studentRow(template, { grade: `${year}级`, klass: '1班' }, nameOf('断电学生', index), id)));
    const importId = await uploadImport(stack.url, token, SCHOOL, file, 'xlsx', '断电.xlsx');
    expect((await api(stack.url, token, 'POST', `/v1/imports/${importId}/start`, { dryRun: false })).status).toBe(202);

    // Kill it once some rows are written and most are not.
    for (let attempt = 0; ; attempt += 1) {
      const view = await api<View>(stack.url, token, 'GET', `/v1/imports/${importId}`);
      if (view.body.job && view.body.job.done > 0) {
        expect(view.body.job.done, 'the run finished before it could be killed').toBeLessThan(ROWS);
        break;
      }
      if (attempt > 1200) throw new Error('the run never started writing');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const pid = (JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { pid: number }).pid;
    process.kill(-pid, 'SIGKILL');

    stack = await spawnStack({ dataDir, env: STACK_ENV });
    stacks.push(stack);
    token = await login(stack.url);
    let view: View | undefined;
    for (let attempt = 0; attempt < 1200; attempt += 1) {
      view = (await api<View>(stack.url, token, 'GET', `/v1/imports/${importId}`)).body;
      if (view.job?.status === 'succeeded' || view.job?.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(view!.job!.status).toBe('succeeded');
    expect({ created: view!.created, skipped: view!.skipped, failed: view!.failed, done: view!.job!.done }, JSON.stringify(view!.rowErrors)).toEqual({ created: ROWS, skipped: 0, failed: 0, done: ROWS });

    // Exactly one record per row in the class.
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await api(stack.url, token, 'GET', `/v1/students?classId=${klass.body.orgId}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      names.push(...page.body.items.map((item) => item.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toHaveLength(ROWS);
    expect(new Set(names).size).toBe(ROWS);
  } finally {
    for (const stack of stacks) await stack.stop();
    dynamoDbLocals(dataDir).forEach((pid) => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    });
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
});
