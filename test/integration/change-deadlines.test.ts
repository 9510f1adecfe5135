// The daily deadline run, in this process against the stack's DynamoDB Local with a clock moved
// past a step's due day: the waiting step is flagged overdue on the case (and the inbox says so
// by its own reckoning at any time), a decided step is not, and a second run changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { useStackDynamo } from '../support/stack-dynamo.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type * as Deadlines from '../../functions/change-timers/deadlines.ts';
import { call, login } from '../support/api.ts';
import { newStudent } from '../support/students.ts';

interface Change {
  changeId: string;
  steps: { status: string; dueBy?: string; overdue?: boolean }[];
}

let markOverdueSteps: typeof Deadlines.markOverdueSteps;
beforeAll(async () => {
  useStackDynamo([RECORDS_TABLE]);
  ({ markOverdueSteps } = await import('../../functions/change-timers/deadlines.ts'));
});

async function leaveCase(): Promise<Change> {
  const registrar = await login('registrar-th-shiyan');
  const student = await call<{ studentId: string }>('POST', '/v1/students', { token: registrar, body: newStudent({ classId: '2144010601-G2025-C02' }) });
  const filed = await call<Change>('POST', '/v1/changes', { token: registrar, body: { type: 'leave', studentId: student.body.studentId, reason: '病休', from: '2026-10-01', until: '2027-01-31' } });
  expect(filed.status).toBe(201);
  return filed.body;
}

describe('the daily deadline run', () => {
  it('flags a step still waiting after its due day, and nothing twice', async () => {
    const waiting = await leaveCase();
    const decided = await leaveCase();
    expect((await call('POST', `/v1/changes/${decided.changeId}/reject`, { token: await login('tianhe-admin'), body: { comment: '材料不全' } })).status).toBe(200);

    const dueBy = waiting.steps[0]!.dueBy!;
    const dayAfterDue = new Date(Date.parse(`${dueBy}T00:00:00+08:00`) + 36 * 60 * 60 * 1000);
    expect(await markOverdueSteps(dayAfterDue)).toBeGreaterThanOrEqual(1);
    const county = await login('tianhe-admin');
    expect((await call<Change>('GET', `/v1/changes/${waiting.changeId}`, { token: county })).body.steps[0]).toMatchObject({ status: 'current', overdue: true });
    expect((await call<Change>('GET', `/v1/changes/${decided.changeId}`, { token: county })).body.steps[0]!.overdue).toBeUndefined();
    expect(await markOverdueSteps(dayAfterDue)).toBe(0);
  });
});
