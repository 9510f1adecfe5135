// Bad input never makes a 5xx: random values in every field of an enrolment or an edit, random
// query strings and malformed bodies all get a 4xx (or succeed when they happen to be valid).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, login } from '../support/api.ts';
import { newStudent } from '../support/students.ts';

const FIELDS = Object.keys(newStudent());

const mutation = fc.record({
  field: fc.constantFrom(...FIELDS, 'extra', 'guardianBasis', 'confirmDuplicate', '__proto__', 'constructor'),
  value: fc.jsonValue({ maxDepth: 2 }),
});

describe('random bad input', () => {
  it('never answers 5xx to an enrolment', async () => {
    const token = await login('registrar-th-shiyan');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const body = newStudent();
        for (const { field, value } of mutations) body[field] = value;
        const reply = await call('POST', '/v1/students', { token, body });
        expect(reply.status, JSON.stringify(mutations)).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });

  it('never answers 5xx to an edit, whatever If-Match says', async () => {
    const token = await login('registrar-th-shiyan');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.string({ maxLength: 12 }), async (mutations, ifMatch) => {
        const body = Object.fromEntries(mutations.map(({ field, value }) => [field, value]));
        const reply = await call('PATCH', '/v1/students/demo-0003', { token, body, headers: { 'if-match': ifMatch.replace(/[^\x20-\x7e]/g, '') } });
        expect(reply.status, JSON.stringify([mutations, ifMatch])).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });

  it('never answers 5xx to a list query', async () => {
    const token = await login('tianhe-admin');
    const param = fc.tuple(fc.constantFrom('schoolId', 'classId', 'countyId', 'grade', 'q', 'limit', 'cursor', 'includeDeleted', 'x'), fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 4 }), async (params) => {
        const query = new URLSearchParams(params).toString();
        const reply = await call('GET', `/v1/students?${query}`, { token });
        expect(reply.status, query).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
  });

  it('never answers 5xx to bodies that are not JSON objects', async () => {
    const token = await login('registrar-th-shiyan');
    for (const rawBody of ['', 'null', '[]', '"x"', '42', '{"a":', '\u0000', '{"name":"\ud800"}', 'x'.repeat(2 * 1024 * 1024)]) {
      for (const [method, path] of [['POST', '/v1/students'], ['PATCH', '/v1/students/demo-0003'], ['POST', '/v1/users'], ['POST', '/v1/orgs/2144010601/children']] as const) {
        const reply = await call(method, path, { token, rawBody, headers: { 'content-type': 'application/json', 'if-match': '"1"' } });
        expect(reply.status, `${method} ${path} ${rawBody.slice(0, 20)}`).toBeLessThan(500);
        expect(reply.status).toBeGreaterThanOrEqual(400);
      }
    }
  });
});
