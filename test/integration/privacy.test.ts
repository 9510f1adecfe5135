// Regression tests of the privacy review (issue 6, items 1-5): numbers built from the ID number
// are masked with it; answers match their documented schemas, masked or not; cursors are opaque,
// sealed and bound to their list; corrections show no internal paths and province fields are
// checked when proposed; tokens must expire, and soon enough.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import * as z from 'zod/mini';
import { describe, expect, inject, it } from 'vitest';
import { StudentSchema, StudentSummarySchema } from '#shared/api/students.ts';
import { call, login } from '../support/api.ts';
import { newStudent, validIdNumber } from '../support/students.ts';

interface Row {
  studentId: string;
  nationalStudentNo: string;
  idNumber?: string;
  name: string;
}
interface ErrorReply {
  error: { code: string; message: string; fields: { path: string; code: string; message: string }[] };
}

async function enrolG(idNumber = validIdNumber()) {
  const reply = await call<Row>('POST', '/v1/students', { token: await login('registrar-th-shiyan'), body: newStudent({ idNumber, name: '掩码测试' }) });
  expect(reply.status).toBe(201);
  return { ...reply.body, idNumber };
}

describe('national student numbers built from the ID number', () => {
  it('are masked in lists, for class advisors and for teachers, wherever the ID number is', async () => {
    const { studentId, idNumber } = await enrolG();
    const masked = `G${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
    // The record itself, for the registrar: in full.
    expect((await call<Row>('GET', `/v1/students/${studentId}`, { token: await login('registrar-th-shiyan') })).body.nationalStudentNo).toBe(`G${idNumber}`);
    for (const username of ['advisor-th-shiyan', 'teacher-th-shiyan']) {
      const reply = await call<Row>('GET', `/v1/students/${studentId}`, { token: await login(username) });
      expect(reply.status, username).toBe(200);
      expect(reply.body.nationalStudentNo).toBe(masked);
      expect(JSON.stringify(reply.body)).not.toContain(idNumber);
    }
    const list = await call<{ items: Row[] }>('GET', `/v1/students?classId=2144010601-G2026-C01&limit=500`, { token: await login('registrar-th-shiyan') });
    const row = list.body.items.find((item) => item.studentId === studentId)!;
    expect(row.nationalStudentNo).toBe(masked);
    expect(JSON.stringify(list.body)).not.toContain(idNumber);
    const search = await call<{ items: Row[] }>('GET', `/v1/students?q=${idNumber}`, { token: await login('tianhe-admin') });
    expect(search.body.items.map((item) => item.nationalStudentNo)).toEqual([masked]);
  });

  it('leave L and J numbers readable: they hold no ID number', async () => {
    const foreign = await call<Row>('POST', '/v1/students', {
      token: await login('registrar-th-shiyan'),
      body: newStudent({ idType: 'A', idNumber: 'P98765432', nationality: 'SGP', overseasChinese: '51', gender: '1', birthDate: '2016-06-06' }),
    });
    const viewed = await call<Row>('GET', `/v1/students/${foreign.body.studentId}`, { token: await login('advisor-th-shiyan') });
    expect(viewed.body.nationalStudentNo).toBe(foreign.body.nationalStudentNo);
    expect(viewed.body.nationalStudentNo).toMatch(/^J/);
  });
});

describe('answers match their documented schemas', () => {
  it('a masked record and a list row (masked phone, ID and number) pass the output schemas', async () => {
    const { studentId } = await enrolG();
    const masked = await call('GET', `/v1/students/${studentId}`, { token: await login('advisor-th-shiyan') });
    expect(masked.body.masked).toBe(true);
    expect(z.safeParse(StudentSchema(), masked.body).success).toBe(true);
    const list = await call<{ items: unknown[] }>('GET', '/v1/students?classId=2144010601-G2026-C01&limit=5', { token: await login('advisor-th-shiyan') });
    for (const item of list.body.items) expect(z.safeParse(StudentSummarySchema(), item).success).toBe(true);
  });
});

describe('list cursors', () => {
  it('carry no readable key or name, page on, and refuse tampering and other lists', async () => {
    const token = await login('registrar-th-shiyan');
    const first = await call<{ items: Row[]; nextCursor: string }>('GET', '/v1/students?classId=2144010601-G2026-C01&limit=2', { token });
    const cursor = first.body.nextCursor;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
    for (const visible of ['STUDENT#', 'CLASS#', first.body.items[1]!.studentId]) expect(decoded).not.toContain(visible);
    expect(Buffer.from(cursor, 'base64url').toString('utf8')).not.toContain(first.body.items[1]!.name);

    const second = await call<{ items: Row[] }>('GET', `/v1/students?classId=2144010601-G2026-C01&limit=2&cursor=${cursor}`, { token });
    expect(second.status).toBe(200);
    expect(second.body.items[0]!.studentId).not.toBe(first.body.items[0]!.studentId);

    const flipped = Buffer.from(cursor, 'base64url');
    flipped[flipped.length - 20]! ^= 1;
    const tampered = await call<ErrorReply>('GET', `/v1/students?classId=2144010601-G2026-C01&limit=2&cursor=${flipped.toString('base64url')}`, { token });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('INVALID_CURSOR');
    const otherClass = await call<ErrorReply>('GET', `/v1/students?classId=2144010601-G2026-C02&limit=2&cursor=${cursor}`, { token });
    expect(otherClass.status).toBe(400);
    // The old, readable form of a cursor is refused too.
    const readable = Buffer.from(JSON.stringify({ PK: 'STUDENT#x', SK: 'RECORD', GSI1PK: 'CLASS#2144010601-G2026-C01', GSI1SK: 'x' })).toString('base64url');
    expect((await call('GET', `/v1/students?classId=2144010601-G2026-C01&cursor=${readable}`, { token })).status).toBe(400);
  });
});

describe('corrections', () => {
  it('show no internal org path, and province fields are checked when the student proposes', async () => {
    const student = await login('student-th-shiyan');
    const proposal = await call<Record<string, unknown>>('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { specialty: '围棋' } } });
    expect(proposal.status).toBe(201);
    expect(proposal.body).not.toHaveProperty('orgPath');
    expect(JSON.stringify(proposal.body)).not.toContain('/440000/');
    const queue = await call<{ items: Record<string, unknown>[] }>('GET', '/v1/corrections', { token: await login('registrar-th-shiyan') });
    expect(queue.body.items.length).toBeGreaterThan(0);
    for (const item of queue.body.items) expect(item).not.toHaveProperty('orgPath');

    const bad = await call<ErrorReply>('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { extra: { dormitory: 'x'.repeat(300) } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'changes.extra.dormitory' });
    const unknown = await call<ErrorReply>('POST', '/v1/students/demo-0001/corrections', { token: student, body: { changes: { extra: { notAField: '1' } } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'changes.extra.notAField', code: 'unknown_field' });
  });
});

describe('tokens', () => {
  async function sign(claims: { exp?: number; iat?: number }): Promise<string> {
    const { dataDir } = inject('stack');
    const jwk = JSON.parse(readFileSync(join(dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
    let token = new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'local-dev-1' }).setSubject('local|registrar-th-shiyan').setIssuer('urn:xueji:local-issuer').setAudience('xueji-local');
    if (claims.iat !== undefined) token = token.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) token = token.setExpirationTime(claims.exp);
    return token.sign(await importJWK(jwk, 'ES256'));
  }
  const now = () => Math.floor(Date.now() / 1000);

  it('are refused without exp, or living longer than 12 hours; accepted within', async () => {
    expect((await call('GET', '/v1/me', { token: await sign({ iat: now() }) })).status).toBe(401);
    expect((await call('GET', '/v1/me', { token: await sign({ iat: now(), exp: now() + 13 * 3600 }) })).status).toBe(401);
    expect((await call('GET', '/v1/me', { token: await sign({ exp: now() + 13 * 3600 }) })).status).toBe(401);
    expect((await call('GET', '/v1/me', { token: await sign({ iat: now(), exp: now() + 11 * 3600 }) })).status).toBe(200);
    const expired = await call<ErrorReply>('GET', '/v1/me', { token: await sign({ iat: now() - 7200, exp: now() - 3600 }) });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/登录/), fields: [] });
  });
});
