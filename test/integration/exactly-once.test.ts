// Regression tests of the exactly-once review (issue 6, items 6-7): an Idempotency-Key gives one
// effect and the first answer however many copies arrive, in parallel or later with a refreshed
// token, even when a Lambda dies after committing or a lease runs out; and a correction proposed
// against an older version does not overwrite a newer edit of the same field.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useStackDynamo } from '../support/stack-dynamo.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type * as AuditModule from '#shared/data/audit.ts';
import type * as IdempotencyModule from '#shared/http/idempotency.ts';
import type * as JsonModule from '#shared/http/json-response.ts';
import { call, login } from '../support/api.ts';
import { newStudent } from '../support/students.ts';

interface Student {
  studentId: string;
  version: number;
  phone: string;
}
interface ErrorReply {
  error: { code: string; fields: { path: string; code: string }[] };
}

let doc: DynamoDBDocumentClient;
beforeAll(() => {
  const { endpoints } = inject('stack');
  doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: endpoints.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
});

/** A second token of the same user with another issue time: a refreshed token. */
async function refreshedToken(subject: string): Promise<string> {
  const jwk = JSON.parse(readFileSync(join(inject('stack').dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
  const now = Math.floor(Date.now() / 1000) - 30;
  return new SignJWT({ refreshed: true }).setProtectedHeader({ alg: 'ES256', kid: 'local-dev-1' }).setSubject(subject).setIssuer('urn:xueji:local-issuer').setAudience('xueji-local').setIssuedAt(now).setExpirationTime(now + 3600).sign(await importJWK(jwk, 'ES256'));
}

/** Records (not other items) in the records table with this name: what enrolments created. */
async function recordsNamed(name: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: RECORDS_TABLE, FilterExpression: 'itemType = :s AND #n = :name', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':s': 'student', ':name': name }, ExclusiveStartKey: start }));
    count += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

describe('Idempotency-Key', () => {
  it('20 parallel copies and a later retry with a refreshed token: one record, the first answer', async () => {
    const token = await login('registrar-th-shiyan');
    const name = `并发${String.fromCodePoint(0x4e00 + (Date.now() % 20000))}${String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 20000))}`;
    // No ID number and confirmDuplicate: every copy that ran would create a record of its own.
    const body = newStudent({ idType: 'Z', idNumber: undefined, name, gender: '1', birthDate: '2015-01-15', confirmDuplicate: true });
    const key = `parallel-${randomUUID()}`;
    const replies = await Promise.all(Array.from({ length: 20 }, () => call<Student & ErrorReply>('POST', '/v1/students', { token, body, headers: { 'idempotency-key': key } })));
    const created = replies.filter((reply) => reply.status === 201);
    const waiting = replies.filter((reply) => reply.status === 409);
    expect(created.length + waiting.length).toBe(20);
    expect(new Set(created.map((reply) => reply.body.studentId)).size).toBe(1);
    for (const reply of waiting) expect(reply.body.error.code).toBe('REQUEST_IN_PROGRESS');
    expect(await recordsNamed(name)).toBe(1);

    const first = created[0]!;
    const later = await call<Student>('POST', '/v1/students', { token: await refreshedToken('local|registrar-th-shiyan'), body, headers: { 'idempotency-key': key } });
    expect(later.status).toBe(201);
    expect(later.body).toEqual(first.body);
    expect(later.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(later.headers.get('location')).toBe(`/v1/students/${first.body.studentId}`);
    expect(await recordsNamed(name)).toBe(1);

    // The key is the caller's: another registrar with the same key makes its own request.
    const other = await call<Student & ErrorReply>('POST', '/v1/students', { token: await login('registrar-th-huajing'), body: { ...body, classId: '3144010602-G2026-C01' }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(201);
    expect(other.body.studentId).not.toBe(first.body.studentId);
  });

  it('keeps one partition per key, and a refused request leaves the key free for a corrected retry', async () => {
    const token = await login('registrar-th-shiyan');
    const keys = [`spread-${randomUUID()}`, `spread-${randomUUID()}`];
    for (const key of keys) {
      expect((await call('POST', '/v1/students', { token, body: newStudent(), headers: { 'idempotency-key': key } })).status).toBe(201);
    }
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: RECORDS_TABLE, FilterExpression: 'itemType = :t', ExpressionAttributeValues: { ':t': 'idempotency' }, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const partitions = new Set(items.map((item) => item.PK as string));
    expect(partitions.size).toBe(items.length);
    expect([...partitions].every((pk) => /^IDEMPOTENCY#\w+#[0-9a-f]{64}$/.test(pk))).toBe(true);

    const key = `fix-${randomUUID()}`;
    const refused = await call<ErrorReply>('POST', '/v1/students', { token, body: newStudent({ postcode: '1' }), headers: { 'idempotency-key': key } });
    expect(refused.status).toBe(400);
    const fixed = await call('POST', '/v1/students', { token, body: newStudent(), headers: { 'idempotency-key': key } });
    expect(fixed.status).toBe(201);
  });

  it('gives a correction proposal one effect too', async () => {
    const student = await login('student-yx-dongfeng');
    const me = (await call<{ studentId: string }>('GET', '/v1/me', { token: student })).body;
    const key = `propose-${randomUUID()}`;
    const specialty = `特长${randomUUID().slice(0, 6)}`;
    const replies = await Promise.all(Array.from({ length: 10 }, () => call<{ correctionId: string }>('POST', `/v1/students/${me.studentId}/corrections`, { token: student, body: { changes: { specialty } }, headers: { 'idempotency-key': key } })));
    const ids = new Set(replies.filter((reply) => reply.status === 201).map((reply) => reply.body.correctionId));
    expect(ids.size).toBe(1);
    const mine = await call<{ items: { changes: { new: unknown }[] }[] }>('GET', `/v1/students/${me.studentId}/corrections`, { token: student });
    expect(mine.body.items.filter((item) => item.changes[0]?.new === specialty)).toHaveLength(1);
  });
});

describe('Idempotency-Key when a Lambda dies or its lease runs out', () => {
  // The runner itself, in this process, against the stack's DynamoDB Local.
  let idempotent: typeof IdempotencyModule.idempotent;
  let commitWithAudit: typeof AuditModule.commitWithAudit;
  let jsonResponse: typeof JsonModule.jsonResponse;
  beforeAll(async () => {
    useStackDynamo([RECORDS_TABLE]);
    ({ idempotent } = await import('#shared/http/idempotency.ts'));
    ({ commitWithAudit } = await import('#shared/data/audit.ts'));
    ({ jsonResponse } = await import('#shared/http/json-response.ts'));
  });

  const principal = { userId: `local|tester-${randomUUID()}` } as Principal;
  const event = (key: string) => ({ headers: { 'idempotency-key': key }, rawPath: '/v1/things', body: '{"a":1}', requestContext: { http: { method: 'POST' } } }) as unknown as APIGatewayProxyEventV2;
  const context = (remainingMs: number) => ({ getRemainingTimeInMillis: () => remainingMs }) as Context;
  const createThing = async (id: string) =>
    commitWithAudit(RECORDS_TABLE, [{ Put: { TableName: RECORDS_TABLE, Item: { PK: `THING#${id}`, SK: 'META', itemType: 'thing' }, ConditionExpression: 'attribute_not_exists(PK)' } }], {
      entity: { type: 'THING', id },
      actor: { userId: principal.userId, displayName: 'tester', role: 'school_registrar' },
      action: 'create',
      changes: [],
    });

  it('rebuilds the answer from what a copy that died after its commit created, without running again', async () => {
    const runs: string[] = [];
    const once = idempotent('testThing', async (created) => jsonResponse(201, { replayedFrom: created.PK }));
    const key = `crash-${randomUUID()}`;
    await expect(
      once({ event: event(key), principal, context: context(10_000) }, async () => {
        const id = randomUUID();
        runs.push(id);
        await createThing(id);
        throw new Error('the Lambda died before answering');
      }),
    ).rejects.toThrow(/died/);
    const retry = await once({ event: event(key), principal, context: context(10_000) }, async () => {
      runs.push('again');
      return jsonResponse(201, {});
    });
    expect(runs).toHaveLength(1);
    expect(retry.statusCode).toBe(201);
    expect(JSON.parse(retry.body!)).toEqual({ replayedFrom: `THING#${runs[0]}` });
    expect(retry.headers?.['idempotent-replayed']).toBe('true');
  });

  it('lets a copy take over a lease that ran out, and the late first copy can no longer commit', async () => {
    const once = idempotent('testThing', async () => jsonResponse(201, {}));
    const key = `lease-${randomUUID()}`;
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    // A copy whose Lambda is about to time out: its lease ends almost at once.
    const first = once({ event: event(key), principal, context: context(-4_990) }, async () => {
      await firstMayCommit;
      await createThing(randomUUID());
      return jsonResponse(201, { copy: 'first' });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await once({ event: event(key), principal, context: context(10_000) }, async () => {
      await createThing(randomUUID());
      return jsonResponse(201, { copy: 'second' });
    });
    expect(JSON.parse(second.body!)).toEqual({ copy: 'second' });
    releaseFirst();
    await expect(first).rejects.toMatchObject({ status: 409, code: 'REQUEST_IN_PROGRESS' });
    const replay = await once({ event: event(key), principal, context: context(10_000) }, async () => jsonResponse(500, {}));
    expect(JSON.parse(replay.body!)).toEqual({ copy: 'second' });
  });
});

describe('accepting a correction made against an older version', () => {
  it('is refused when the same field changed since, and goes through when other fields changed', async () => {
    const registrar = await login('registrar-yx-yucai');
    const student = await login('student-yx-yucai');
    const { studentId } = (await call<{ studentId: string }>('GET', '/v1/me', { token: student })).body;
    const record = (await call<Student>('GET', `/v1/students/${studentId}`, { token: registrar })).body;

    const proposal = await call<{ correctionId: string }>('POST', `/v1/students/${studentId}/corrections`, { token: student, body: { changes: { phone: '13911112222' } } });
    expect(proposal.status).toBe(201);
    const edited = await call<Student>('PATCH', `/v1/students/${studentId}`, { token: registrar, body: { phone: '13733334444' }, headers: { 'if-match': `"${record.version}"` } });
    expect(edited.status).toBe(200);
    const refused = await call<ErrorReply>('POST', `/v1/students/${studentId}/corrections/${proposal.body.correctionId}/accept`, { token: registrar, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('RECORD_CHANGED');
    expect(refused.body.error.fields).toEqual([expect.objectContaining({ path: 'phone', code: 'changed_since_proposal' })]);
    expect((await call<Student>('GET', `/v1/students/${studentId}`, { token: registrar })).body.phone).toBe('13733334444');

    const other = await call<{ correctionId: string }>('POST', `/v1/students/${studentId}/corrections`, { token: student, body: { changes: { specialty: '舞蹈' } } });
    const current = (await call<Student>('GET', `/v1/students/${studentId}`, { token: registrar })).body;
    await call('PATCH', `/v1/students/${studentId}`, { token: registrar, body: { email: 'parent@example.cn' }, headers: { 'if-match': `"${current.version}"` } });
    const accepted = await call<{ student: Student & { specialty: string; email: string } }>('POST', `/v1/students/${studentId}/corrections/${other.body.correctionId}/accept`, { token: registrar, body: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.body.student).toMatchObject({ specialty: '舞蹈', email: 'parent@example.cn' });
  });
});
