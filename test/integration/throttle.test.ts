// Regression test of issue 6, item 12: a registrar scripting lookups (enrolments answer whether an
// ID number is enrolled; searches find records by ID number) hits 429 long before it could sweep
// a county. A stack of its own with a small limit (3 lookups), so the other suites keep
// theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnStack, type RunningStack } from '#local/child-stack.ts';
import { call, login } from '../support/api.ts';
import { newStudent, validIdNumber } from '../support/students.ts';

let stack: RunningStack;
beforeAll(async () => {
  // A day's window, so the test never straddles a window's end.
  process.env.RATE_LIMIT_LOOKUP = '3/86400';
  stack = await spawnStack({ seedStudents: 0 });
}, 180_000);
afterAll(async () => {
  await stack?.dispose();
});

describe('per-user lookup limit', () => {
  it('answers 429 with Retry-After once a registrar used its lookups, per user, and writes nothing then', async () => {
    const url = stack.url;
    const token = await login('registrar-th-shiyan', url);
    const enrol = (idNumber = validIdNumber()) => call<{ error?: { code: string; message: string } }>('POST', '/v1/students', { token, body: newStudent({ idNumber }), url });
    const statuses = [(await enrol()).status, (await enrol()).status];
    // A list without a search term is no lookup.
    expect((await call('GET', '/v1/students?classId=2144010601-G2026-C01', { token, url })).status).toBe(200);
    statuses.push((await call('GET', `/v1/students?q=${validIdNumber()}`, { token, url })).status);
    expect(statuses).toEqual([201, 201, 200]);

    const idNumber = validIdNumber();
    const refused = await enrol(idNumber);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('RATE_LIMITED');
    expect(refused.body.error?.message).toMatch(/频繁/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('GET', `/v1/students?q=${idNumber}`, { token: await login('tianhe-admin', url), url })).body).toMatchObject({ items: [] });

    // Another registrar has a budget of its own.
    const other = await call('POST', '/v1/students', { token: await login('registrar-th-huajing', url), body: newStudent({ classId: '3144010602-G2026-C01' }), url });
    expect(other.status).toBe(201);
  });
});
