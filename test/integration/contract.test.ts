// Regression tests of the contract review (issue 6, items 9-11): every answer has the API's error
// shape, also for unknown routes, HEAD, preflights and broken URLs; field errors name the field
// in Chinese with one style of code and never show routes or NaN; the OpenAPI document documents
// what the server really does and passes a maintained linter with no finding.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, call, login } from '../support/api.ts';
import { newStudent, validIdNumber } from '../support/students.ts';

interface FieldError {
  path: string;
  code: string;
  message: string;
}
interface ErrorReply {
  error: { code: string; message: string; fields: FieldError[]; details?: unknown };
}

const FIELD_CODE = /^[a-z][a-z0-9_]*$/;
const HAN = /[\u4e00-\u9fff]/;

function expectErrorShape(body: unknown): asserts body is ErrorReply {
  const { error } = body as ErrorReply;
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(error.code).toMatch(/^[A-Z][A-Z_]+$/);
  expect(error.message).toMatch(HAN);
  expect(Array.isArray(error.fields)).toBe(true);
  for (const text of [error.message, ...error.fields.map((f) => f.message)]) {
    expect(text).not.toMatch(/\/v1\/|\b(GET|POST|PATCH|PUT|DELETE) \//);
    expect(text).not.toMatch(/NaN|undefined|Invalid input|expected/i);
  }
  for (const field of error.fields) {
    expect(field.code, field.path).toMatch(FIELD_CODE);
    expect(field.message, field.path).toMatch(HAN);
  }
}

describe('error bodies', () => {
  it('always carry fields as an array, and every kind of refusal has the shape', async () => {
    const registrar = await login('registrar-th-shiyan');
    // A record of its own: other suites edit the demo records, so their versions move.
    const fresh = (await call<{ studentId: string }>('POST', '/v1/students', { token: registrar, body: newStudent() })).body.studentId;
    const replies = await Promise.all([
      call('GET', '/v1/me'),
      call('GET', '/v1/me', { token: 'not.a.token' }),
      call('GET', '/v1/students/no-such-student', { token: registrar }),
      call('GET', '/v1/students/demo-0001', { token: await login('registrar-ns-qianhai') }),
      call('POST', '/v1/students', { token: registrar, rawBody: '{"name":', headers: { 'content-type': 'application/json' } }),
      call('POST', '/v1/students', { token: registrar, rawBody: 'name=x', headers: { 'content-type': 'text/plain' } }),
      call('PATCH', `/v1/students/${fresh}`, { token: registrar, body: { phone: '13800000000' } }),
      call('PATCH', `/v1/students/${fresh}`, { token: registrar, body: { name: '改名' }, headers: { 'if-match': '"1"' } }),
      call('GET', '/v1/students', { token: await login('sheng-admin') }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([401, 401, 404, 404, 400, 415, 428, 409, 400]);
    for (const reply of replies) expectErrorShape(reply.body);
  });

  it('name a missing field by its label, with code required, and a wrong one by what it should be', async () => {
    const { birthplace: _birthplace, ...withoutBirthplace } = newStudent();
    const missing = await call<ErrorReply>('POST', '/v1/students', { token: await login('registrar-th-shiyan'), body: { ...withoutBirthplace, phone: 12345, postcode: '51', ethnicity: '77' } });
    expect(missing.status).toBe(400);
    expectErrorShape(missing.body);
    const byPath = new Map(missing.body.error.fields.map((f) => [f.path, f]));
    expect(byPath.get('birthplace')).toEqual({ path: 'birthplace', code: 'required', message: '请填写出生地' });
    expect(byPath.get('phone')).toMatchObject({ code: 'invalid_type', message: '联系电话应为文本' });
    expect(byPath.get('postcode')?.message).toBe('邮政编码应为6位数字');
    expect(byPath.get('ethnicity')?.message).toMatch(/^民族代码不在/);
  });

  it('say whose field it is for a guardian, and never show NaN for a number that is not one', async () => {
    const student = newStudent({ guardians: [{ name: '', relation: '父亲', isGuardian: '1', idType: '1', idNumber: '110105194912310021' }] });
    const reply = await call<ErrorReply>('POST', '/v1/students', { token: await login('registrar-th-shiyan'), body: student });
    expectErrorShape(reply.body);
    expect(reply.body.error.fields.find((f) => f.path === 'guardians.0.name')?.message).toBe('家庭成员1：请填写姓名');

    const list = await call<ErrorReply>('GET', '/v1/students?limit=abc&classId=2144010601-G2026-C01', { token: await login('registrar-th-shiyan') });
    expect(list.status).toBe(400);
    expectErrorShape(list.body);
    expect(list.body.error.fields).toEqual([{ path: 'limit', code: 'invalid_type', message: '每页条数应为数字' }]);
    const big = await call<ErrorReply>('GET', '/v1/students?limit=501&classId=2144010601-G2026-C01', { token: await login('registrar-th-shiyan') });
    expect(big.body.error.fields[0]?.message).toBe('每页条数不能大于 500');
  });

  it('use lower snake_case field codes for the identity rules as for the shapes', async () => {
    const good = validIdNumber({ gender: '1' });
    const reply = await call<ErrorReply>('POST', '/v1/students', { token: await login('registrar-th-shiyan'), body: newStudent({ idNumber: `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}` }) });
    expectErrorShape(reply.body);
    expect(reply.body.error.fields.map((f) => f.code)).toContain('id_checksum');
    const fresh = (await call<{ studentId: string }>('POST', '/v1/students', { token: await login('registrar-th-shiyan'), body: newStudent() })).body.studentId;
    const transfer = await call<ErrorReply>('PATCH', `/v1/students/${fresh}`, { token: await login('registrar-th-shiyan'), body: { classId: '3144010602-G2026-C01' }, headers: { 'if-match': '"1"' } });
    expect(transfer.status).toBe(409);
    expectErrorShape(transfer.body);
  });
});

describe('the gateway answers as the deployed API does', () => {
  it('routes unknown paths to the $default handler: 404 ROUTE_NOT_FOUND, 405 with Allow for another method', async () => {
    const unknown = await call<ErrorReply>('GET', '/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.body);
    expect(unknown.body.error.code).toBe('ROUTE_NOT_FOUND');
    const wrongMethod = await call<ErrorReply>('PUT', '/v1/students/demo-0001', { body: {} });
    expect(wrongMethod.status).toBe(405);
    expectErrorShape(wrongMethod.body);
    expect(wrongMethod.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'PATCH']);
    const head = await fetch(`${baseUrl()}/v1/health`, { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('GET');
    expect(head.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('answers a CORS preflight for the web origin with the headers the API takes, Idempotency-Key included', async () => {
    const origin = baseUrl();
    const preflight = await fetch(`${origin}/v1/students`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['idempotency-key', 'if-match', 'authorization']));
    const other = await fetch(`${origin}/v1/students`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await fetch(`${origin}/v1/health`, { headers: { origin } });
    expect(answer.headers.get('access-control-expose-headers')).toContain('etag');
  });

  it('answers a broken percent-encoding with 400, not a crash', async () => {
    const reply = await fetch(`${baseUrl()}/v1/students/%E4%B8`, { headers: { authorization: `Bearer ${await login('registrar-th-shiyan')}` } });
    expect(reply.status).toBe(400);
    expectErrorShape(await reply.json());
  });
});

describe('GET /v1/openapi.json', () => {
  interface Operation {
    security?: unknown[];
    parameters?: { name: string; in: string; required?: boolean; schema?: { pattern?: string } }[];
    requestBody?: { required?: boolean; content: Record<string, { example?: unknown }> };
    responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { example?: unknown }> }>;
  }
  interface Document {
    servers?: unknown[];
    info: { license?: { name: string }; description?: string };
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties?: Record<string, { enum?: string[]; 'x-enumDescriptions'?: Record<string, string> }> }> };
  }

  it('documents security, headers, bodies, statuses, code tables, errors, examples, servers and licence', async () => {
    const { body } = await call<Document>('GET', '/v1/openapi.json');
    const op = (method: string, path: string) => body.paths[path]![method]!;
    expect(op('get', '/v1/health').security).toEqual([]);
    expect(op('get', '/v1/me').security).toEqual([{ bearer: [] }]);
    expect(op('patch', '/v1/students/{studentId}').parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: true }));
    expect(op('post', '/v1/students').parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', schema: expect.objectContaining({ pattern: '^[A-Za-z0-9_-]{8,128}$' }) }));
    expect(op('get', '/v1/me').parameters).toContainEqual(expect.objectContaining({ name: 'X-Correlation-Id', in: 'header' }));
    expect(op('post', '/v1/students').requestBody?.required).toBe(true);
    expect(Object.keys(op('post', '/v1/students').responses['201']!.headers ?? {})).toEqual(expect.arrayContaining(['ETag', 'Location']));
    expect(Object.keys(op('post', '/v1/students').responses)).toEqual(expect.arrayContaining(['413', '415', '429', '500']));
    expect(Object.keys(op('patch', '/v1/students/{studentId}').responses)).toContain('428');
    const student = body.components.schemas.Student!.properties!;
    expect(student.gender).toMatchObject({ enum: ['1', '2'], 'x-enumDescriptions': { '1': '男', '2': '女' } });
    expect(student.nationality?.enum).toContain('CHN');
    expect(body.components.schemas.Error!.properties).toBeDefined();
    expect(body.info.description).toContain('DUPLICATE_ID_NUMBER');
    for (const [path, methods] of Object.entries(body.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))![1];
        // A file (the import template) is described by its type, a JSON answer by its example.
        const [type, content] = Object.entries(success.content ?? {})[0] ?? [];
        if (type === 'application/json') expect(content?.example, `${method} ${path}`).toBeDefined();
        else expect(type, `${method} ${path}`).toMatch(/^application\/vnd\./);
      }
    }
    expect(body.servers?.length).toBeGreaterThan(0);
    expect(body.info.license?.name).toBe('Apache-2.0');
  });

  it('has no finding by the Redocly linter (recommended-strict), examples checked against their schemas', async () => {
    const reply = await fetch(`${baseUrl()}/v1/openapi.json`);
    const problems = await lintFromString({ source: await reply.text(), config: await createConfig({ extends: ['recommended-strict'] }) });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`)).toEqual([]);
  });
});
