// Acceptance of the registry core over HTTP against the local stack: enrolment and its numbers,
// uniqueness (also under concurrency), identity checks, optimistic locking, key fields, history,
// soft delete, scoped reads and searches, and masking.
import { describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { generateKeyPair, SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { parseIdNumber } from '#shared/domain/id-number.ts';
import { call, login } from '../support/api.ts';
import { birthDateOf, newStudent, validIdNumber } from '../support/students.ts';

interface Student {
  studentId: string;
  nationalStudentNo: string;
  name: string;
  idNumber?: string;
  phone: string;
  version: number;
  schoolId: string;
  gradeId: string;
  grade: string;
  classId: string;
  masked: boolean;
  confirmed: boolean;
  deleted?: { reason: string };
  guardians: { idNumber?: string }[];
}
interface ErrorReply {
  error: { code: string; message: string; fields?: { path: string; code: string }[]; details?: Record<string, unknown> };
}

const registrar = () => login('registrar-th-shiyan');

async function enrol(body: Record<string, unknown>, username = 'registrar-th-shiyan') {
  return call<Student & ErrorReply>('POST', '/v1/students', { token: await login(username), body });
}

describe('enrolment', () => {
  it('creates a record with a G number, an ETag and its first history entry', async () => {
    const idNumber = validIdNumber();
    const reply = await enrol(newStudent({ idNumber, name: '𠮷祥' }));
    expect(reply.status).toBe(201);
    expect(reply.body.nationalStudentNo).toBe(`G${idNumber}`);
    expect(reply.headers.get('etag')).toBe('"1"');
    expect(reply.body).toMatchObject({ name: '𠮷祥', schoolId: '2144010601', gradeId: '2144010601-G2026', grade: '2026', version: 1, masked: false, confirmed: false });
    const history = await call<{ items: { action: string; actor: { displayName: string }; changes: { field: string; new: unknown }[] }[] }>('GET', `/v1/students/${reply.body.studentId}/history`, { token: await registrar() });
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]!.action).toBe('enrol');
    expect(history.body.items[0]!.changes).toContainEqual({ field: 'name', old: null, new: '𠮷祥' });
  });

  it('refuses a bad checksum (400 naming idNumber) and an ID that disagrees with birth date or sex', async () => {
    const good = validIdNumber({ gender: '1' });
    const badChecksum = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const checksum = await enrol(newStudent({ idNumber: badChecksum }));
    expect(checksum.status).toBe(400);
    expect(checksum.body.error.fields).toContainEqual(expect.objectContaining({ path: 'idNumber', code: 'id_checksum' }));

    const mismatch = await enrol(newStudent({ idNumber: good, gender: '2', birthDate: '2011-01-01' }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields?.map((f) => f.path).sort()).toEqual(['birthDate', 'gender']);
  });

  it('refuses codes outside the national tables and malformed fields, naming each', async () => {
    const reply = await enrol(newStudent({ ethnicity: '77', nationality: 'XXX', postcode: '51', birthplace: '99', extra: { unknownField: 'x' } }));
    expect(reply.status).toBe(400);
    const paths = reply.body.error.fields?.map((f) => f.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['ethnicity', 'nationality', 'postcode', 'birthplace']));
    const extra = await enrol(newStudent({ extra: { unknownField: 'x' } }));
    expect(extra.status).toBe(400);
    expect(extra.body.error.fields?.[0]).toMatchObject({ path: 'extra.unknownField', code: 'unknown_field' });
    expect((await enrol(newStudent({ extra: { dormitory: 'A-302', hukouMoved: '1' } }))).status).toBe(201);
  });

  it('answers 409 for a second record of the same ID number, naming where it lives as far as scope allows', async () => {
    const idNumber = validIdNumber();
    const first = await enrol(newStudent({ idNumber }));
    expect(first.status).toBe(201);
    const sameSchool = await enrol(newStudent({ idNumber, classId: '2144010601-G2025-C01' }));
    expect(sameSchool.status).toBe(409);
    expect(sameSchool.body.error.code).toBe('DUPLICATE_ID_NUMBER');
    expect(sameSchool.body.error.details).toMatchObject({ studentId: first.body.studentId, schoolName: '广州市天河区第一实验小学' });

    const otherCounty = await enrol(newStudent({ idNumber, classId: '2144030501-G2026-C01' }), 'registrar-ns-qianhai');
    expect(otherCounty.status).toBe(409);
    expect(otherCounty.body.error.details).toEqual({ countyId: '440106', countyName: '天河区' });
    expect(JSON.stringify(otherCounty.body)).not.toContain(first.body.studentId);
  });

  it('lets exactly one of 20 parallel enrolments of one ID number win', async () => {
    const idNumber = validIdNumber();
    const users = ['registrar-th-shiyan', 'registrar-th-huajing'];
    const classes = ['2144010601-G2026-C02', '3144010602-G2026-C01'];
    await Promise.all(users.map((u) => login(u)));
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => enrol(newStudent({ idNumber, classId: classes[i % 2] }), users[i % 2])));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'DUPLICATE_ID_NUMBER')).toBe(true);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
    const found = await call<{ items: Student[] }>('GET', `/v1/students?q=${idNumber}`, { token: await login('tianhe-admin') });
    expect(found.body.items).toHaveLength(1);
  });

  it('gives a foreign student on a passport a J number with a valid check digit', async () => {
    const reply = await enrol(newStudent({ idType: 'A', idNumber: 'E12345678', nationality: 'SGP', overseasChinese: '51', gender: '2', birthDate: '2015-05-05' }));
    expect(reply.status).toBe(201);
    expect(reply.body.nationalStudentNo).toMatch(/^J44010620150505\d{3}[\dX]$/);
    expect(parseIdNumber(reply.body.nationalStudentNo.slice(1)).ok).toBe(true);
  });

  it('keeps the J sequence gap-free and unique when enrolments race and one of them is refused', async () => {
    // A birth date of this test's own (no other suite enrols on it), so the sequence starts at 001.
    const birthDate = `2013-0${1 + (process.pid % 9)}-2${process.pid % 8}`;
    const passport = (i: number) => `P${process.pid}${String(i).padStart(3, '0')}`;
    const student = (i: number) => newStudent({ idType: 'A', idNumber: passport(i), nationality: 'SGP', overseasChinese: '51', gender: '2', birthDate, guardians: [] });
    // Sixteen at once, one of them a passport enrolled twice: the refused one takes no number.
    const replies = await Promise.all([...Array.from({ length: 15 }, (_, i) => enrol(student(i))), enrol(student(3))]);
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(15);
    expect(replies.filter((reply) => reply.status === 409).map((reply) => reply.body.error.code)).toEqual(['DUPLICATE_ID_NUMBER']);
    const sequences = replies.filter((reply) => reply.status === 201).map((reply) => Number(reply.body.nationalStudentNo.slice(15, 18)));
    expect(sequences.sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    // The next one follows on.
    expect(Number((await enrol(student(99))).body.nationalStudentNo.slice(15, 18))).toBe(16);
  });

  it('registers a child without household registration only on the guardians\' ID data, with an L number', async () => {
    const base = { idNumber: undefined, name: '无户籍', gender: '1', birthDate: '2014-02-02' };
    const missing = await enrol(newStudent({ ...base, guardians: [] }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields?.[0]?.path).toBe('idNumber');
    const oneParent = await enrol(newStudent({ ...base, guardianBasis: 'both_parents' }));
    expect(oneParent.status).toBe(400);
    expect(oneParent.body.error.fields?.[0]).toMatchObject({ path: 'guardians', code: 'guardian_id_required' });
    const parents = [
      { name: '父亲', relation: '父亲', isGuardian: '1', idType: '1', idNumber: validIdNumber({ birthDate: '1980-01-01', gender: '1' }) },
      { name: '母亲', relation: '母亲', isGuardian: '1', idType: '1', idNumber: validIdNumber({ birthDate: '1982-02-02', gender: '2' }) },
    ];
    const reply = await enrol(newStudent({ ...base, guardianBasis: 'both_parents', guardians: parents }));
    expect(reply.status).toBe(201);
    expect(reply.body.nationalStudentNo).toMatch(/^L44010620140202\d{4}$/);
    expect(reply.body.idNumber).toBeUndefined();
  });

  it('warns about a likely duplicate without ID until the caller confirms', async () => {
    const base = { idType: 'Z', idNumber: undefined, name: `重名${String.fromCodePoint(0x4e00 + (Date.now() % 20000))}`, gender: '2', birthDate: '2013-03-03', nationality: 'CHN' };
    expect((await enrol(newStudent(base))).status).toBe(201);
    const warned = await enrol(newStudent(base));
    expect(warned.status).toBe(409);
    expect(warned.body.error.code).toBe('POSSIBLE_DUPLICATE');
    expect((await enrol(newStudent({ ...base, confirmDuplicate: true }))).status).toBe(201);
  });

  it('answers a retried enrolment with the same Idempotency-Key once, with the first record', async () => {
    const token = await registrar();
    const key = `retry-${Date.now()}`;
    const body = newStudent({ idType: 'Z', idNumber: undefined, name: '重试学生', birthDate: '2014-04-04', gender: '2' });
    const first = await call<Student>('POST', '/v1/students', { token, body: { ...body, confirmDuplicate: true }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const again = await call<Student>('POST', '/v1/students', { token, body: { ...body, confirmDuplicate: true }, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.body.studentId).toBe(first.body.studentId);
    expect(again.headers.get('etag')).toBe('"1"');
    const reused = await call<ErrorReply>('POST', '/v1/students', { token, body: { ...body, name: '另一个学生', confirmDuplicate: true }, headers: { 'idempotency-key': key } });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await call('POST', '/v1/students', { token, body, headers: { 'idempotency-key': 'bad key!' } })).status).toBe(400);
    // Without a valid token nothing is written, not even an idempotency record.
    const { endpoints } = inject('stack');
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: endpoints.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    // A token that claims the registrar's subject but is signed with another key.
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'local-dev-1' }).setSubject('local|registrar-th-shiyan').setIssuer('urn:xueji:local-issuer').setAudience('xueji-local').setIssuedAt().setExpirationTime('1h').sign(privateKey);
    const anonKey = `anon-${Date.now()}`;
    expect((await call('POST', '/v1/students', { token: forged, body, headers: { 'idempotency-key': anonKey } })).status).toBe(401);
    const keyHash = createHash('sha256').update(`local|registrar-th-shiyan\n${anonKey}`).digest('hex');
    expect((await doc.send(new GetCommand({ TableName: 'records', Key: { PK: `IDEMPOTENCY#enrolStudent#${keyHash}`, SK: 'REQUEST' } }))).Item).toBeUndefined();
    // Parallel retries: one runs, the others wait for or repeat its answer; never two records.
    const parallelKey = `parallel-${Date.now()}`;
    const parallelBody = { ...body, name: '并发重试', confirmDuplicate: true };
    const replies = await Promise.all(Array.from({ length: 5 }, () => call<Student>('POST', '/v1/students', { token, body: parallelBody, headers: { 'idempotency-key': parallelKey } })));
    expect(replies.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(replies.filter((r) => r.status === 201).map((r) => r.body.studentId)).size).toBe(1);
  });

  it('refuses enrolment into another school, and by roles that do not keep records', async () => {
    expect((await enrol(newStudent({ classId: '3144010602-G2026-C01' }))).status).toBe(403);
    expect((await enrol(newStudent(), 'tianhe-admin')).status).toBe(403);
    expect((await enrol(newStudent(), 'teacher-th-shiyan')).status).toBe(403);
    expect((await enrol(newStudent({ classId: 'no-such-class' }))).status).toBe(400);
  });
});

describe('reading and editing', () => {
  it('updates ordinary fields with If-Match, refuses stale versions (412) and missing If-Match (428)', async () => {
    const created = (await enrol(newStudent())).body;
    const token = await registrar();
    const path = `/v1/students/${created.studentId}`;
    expect((await call('PATCH', path, { token, body: { phone: '13700000000' } })).status).toBe(428);
    const updated = await call<Student>('PATCH', path, { token, body: { phone: '13700000000', classSeatNo: '7' }, headers: { 'if-match': '"1"' } });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expect(updated.headers.get('etag')).toBe('"2"');
    const stale = await call<ErrorReply>('PATCH', path, { token, body: { phone: '13600000000' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('STALE_VERSION');

    const history = await call<{ items: { action: string; changes: { field: string; old: unknown; new: unknown }[] }[] }>('GET', `${path}/history`, { token });
    expect(history.body.items.map((e) => e.action)).toEqual(['update', 'enrol']);
    expect(history.body.items[0]!.changes).toEqual(expect.arrayContaining([{ field: 'phone', old: '13800138000', new: '13700000000' }]));
  });

  it('refuses direct edits of key fields with a code pointing to a key-field change', async () => {
    const created = (await enrol(newStudent())).body;
    for (const body of [{ name: '改名' }, { idNumber: validIdNumber() }, { gender: '2' }, { birthDate: '2011-01-01' }]) {
      const reply = await call<ErrorReply>('PATCH', `/v1/students/${created.studentId}`, { token: await registrar(), body, headers: { 'if-match': '"1"' } });
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('KEY_FIELD_CHANGE_REQUIRED');
    }
    const readOnly = await call<ErrorReply>('PATCH', `/v1/students/${created.studentId}`, { token: await registrar(), body: { nationalStudentNo: 'G1' }, headers: { 'if-match': '"1"' } });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.error.code).toBe('READ_ONLY_FIELD');
  });

  it('moves a student between classes of its school, but another school needs a transfer', async () => {
    const created = (await enrol(newStudent())).body;
    const token = await registrar();
    const moved = await call<Student>('PATCH', `/v1/students/${created.studentId}`, { token, body: { classId: '2144010601-G2025-C02' }, headers: { 'if-match': '"1"' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ classId: '2144010601-G2025-C02', gradeId: '2144010601-G2025', grade: '2025' });
    const roster = await call<{ items: Student[] }>('GET', '/v1/students?classId=2144010601-G2025-C02&limit=500', { token });
    expect(roster.body.items.map((s) => s.studentId)).toContain(created.studentId);
    const transfer = await call<ErrorReply>('PATCH', `/v1/students/${created.studentId}`, { token, body: { classId: '3144010602-G2026-C01' }, headers: { 'if-match': '"2"' } });
    expect(transfer.status).toBe(409);
    expect(transfer.body.error.code).toBe('TRANSFER_REQUIRED');
  });

  it('keeps another school\'s registrar, a county outside and another student out (404)', async () => {
    const created = (await enrol(newStudent())).body;
    const path = `/v1/students/${created.studentId}`;
    for (const outsider of ['registrar-th-huajing', 'nanshan-admin', 'student-th-shiyan', 'advisor-th-huajing']) {
      const token = await login(outsider);
      const read = await call<Record<string, unknown>>('GET', path, { token });
      expect(read.status, outsider).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain(created.nationalStudentNo);
    }
    const other = await call('PATCH', path, { token: await login('registrar-th-huajing'), body: { phone: '13100000000' }, headers: { 'if-match': '"1"' } });
    expect(other.status).toBe(404);
    expect((await call('DELETE', path, { token: await login('registrar-th-huajing'), body: { reason: '恶意删除' } })).status).toBe(404);
    expect((await call<Student>('GET', path, { token: await login('tianhe-admin') })).status).toBe(200);
  });

  it('shows a student its own record in full, and masks personal data for a class advisor', async () => {
    const me = await call<{ userId: string; studentId: string }>('GET', '/v1/me', { token: await login('student-th-shiyan') });
    expect(me.status).toBe(200);
    expect(me.body.studentId).toBe('demo-0001');
    const own = await call<Student>('GET', '/v1/students/demo-0001', { token: await login('student-th-shiyan') });
    expect(own.status).toBe(200);
    expect(own.body.masked).toBe(false);
    expect(own.body.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect((await call('GET', '/v1/students/demo-0002', { token: await login('student-th-shiyan') })).status).toBe(404);

    const advisor = await call<Student>('GET', '/v1/students/demo-0002', { token: await login('advisor-th-shiyan') });
    expect(advisor.status).toBe(200);
    expect(advisor.body.masked).toBe(true);
    expect(advisor.body.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(advisor.body.phone).toMatch(/\*{4}/);
    expect(advisor.body.guardians[0]?.idNumber).toMatch(/\*/);
    expect((await call('GET', '/v1/students/demo-0002/history', { token: await login('advisor-th-shiyan') })).status).toBe(403);
  });
});

describe('soft delete', () => {
  it('marks the record deleted with a reason; school and county still see it, others do not', async () => {
    const created = (await enrol(newStudent())).body;
    const path = `/v1/students/${created.studentId}`;
    expect((await call<ErrorReply>('DELETE', path, { token: await registrar(), body: {} })).status).toBe(400);
    const deleted = await call<Student>('DELETE', path, { token: await registrar(), body: { reason: '重复学籍，经核实删除' } });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted?.reason).toBe('重复学籍，经核实删除');
    expect((await call('DELETE', path, { token: await registrar(), body: { reason: '再次删除' } })).status).toBe(409);

    expect((await call<Student>('GET', path, { token: await registrar() })).body.deleted).toBeDefined();
    expect((await call('GET', path, { token: await login('tianhe-admin') })).status).toBe(200);
    expect((await call('GET', path, { token: await login('gz-admin') })).status).toBe(404);
    expect((await call('GET', path, { token: await login('advisor-th-shiyan') })).status).toBe(404);

    const roster = await call<{ items: Student[] }>('GET', '/v1/students?classId=2144010601-G2026-C01&limit=500', { token: await registrar() });
    expect(roster.body.items.map((s) => s.studentId)).not.toContain(created.studentId);
    const withDeleted = await call<{ items: (Student & { deleted: boolean })[] }>('GET', '/v1/students?classId=2144010601-G2026-C01&limit=500&includeDeleted=true', { token: await registrar() });
    expect(withDeleted.body.items.find((s) => s.studentId === created.studentId)?.deleted).toBe(true);
    const history = await call<{ items: { action: string; reason?: string }[] }>('GET', `${path}/history`, { token: await registrar() });
    expect(history.body.items[0]).toMatchObject({ action: 'delete', reason: '重复学籍，经核实删除' });
  });
});

describe('rosters and search', () => {
  it('pages a class roster by seat number then name with a stable cursor', async () => {
    const token = await registrar();
    const seen: { seat: number; id: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: (Student & { classSeatNo?: string })[]; nextCursor: string | null } } = await call('GET', `/v1/students?classId=2144010601-G2024-C02&limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((s) => ({ seat: Number(s.classSeatNo ?? 999), id: s.studentId })));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.map((s) => s.seat)).toEqual([...seen.map((s) => s.seat)].sort((a, b) => a - b));
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
  });

  it('finds by name prefix (rare characters intact), full ID number and national number, masked', async () => {
    const token = await registrar();
    const idNumber = validIdNumber();
    const created = (await enrol(newStudent({ idNumber, name: '𪚥明测试' }))).body;
    const byName = await call<{ items: Student[] }>('GET', `/v1/students?q=${encodeURIComponent('𪚥')}`, { token });
    expect(byName.body.items.map((s) => s.studentId)).toContain(created.studentId);
    expect(byName.body.items.find((s) => s.studentId === created.studentId)?.name).toBe('𪚥明测试');
    const byId = await call<{ items: Student[] }>('GET', `/v1/students?q=${idNumber}`, { token });
    expect(byId.body.items.map((s) => s.studentId)).toEqual([created.studentId]);
    expect(byId.body.items[0]!.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
    const byNumber = await call<{ items: Student[] }>('GET', `/v1/students?q=G${idNumber}`, { token });
    expect(byNumber.body.items.map((s) => s.studentId)).toEqual([created.studentId]);
    // Outside the caller's subtree the same searches find nothing.
    const outsider = await login('registrar-ns-qianhai');
    expect((await call<{ items: Student[] }>('GET', `/v1/students?q=${idNumber}`, { token: outsider })).body.items).toEqual([]);
    expect((await call<{ items: Student[] }>('GET', `/v1/students?q=G${idNumber}`, { token: outsider })).body.items).toEqual([]);
  });

  it('filters a school list by grade, named by entry year or grade id', async () => {
    const token = await registrar();
    for (const grade of ['2025', '2144010601-G2025']) {
      const page = await call<{ items: Student[] }>('GET', `/v1/students?schoolId=2144010601&grade=${grade}&limit=500`, { token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeGreaterThan(0);
      expect(page.body.items.every((s) => s.gradeId === '2144010601-G2025')).toBe(true);
    }
  });

  it('keeps lists inside the caller scope', async () => {
    expect((await call('GET', '/v1/students?schoolId=3144010602', { token: await registrar() })).status).toBe(403);
    expect((await call('GET', '/v1/students?countyId=440106', { token: await login('nanshan-admin') })).status).toBe(403);
    expect((await call('GET', '/v1/students', { token: await login('gz-admin') })).status).toBe(400);
    expect((await call('GET', '/v1/students?countyId=440106&limit=5', { token: await login('gz-admin') })).status).toBe(200);
    expect((await call('GET', '/v1/students', { token: await login('student-th-shiyan') })).status).toBe(403);
    const advisor = await call<{ items: Student[] }>('GET', '/v1/students?limit=500', { token: await login('advisor-th-shiyan') });
    expect(advisor.status).toBe(200);
    expect(advisor.body.items.every((s) => s.classId === '2144010601-G2026-C01')).toBe(true);
    expect((await call('GET', '/v1/students?classId=2144010601-G2026-C02', { token: await login('advisor-th-shiyan') })).status).toBe(403);
  });
});

describe('demo data', () => {
  it('holds only records that pass the rules', async () => {
    const token = await registrar();
    const roster = await call<{ items: Student[] }>('GET', '/v1/students?schoolId=2144010601&limit=500', { token });
    expect(roster.body.items.length).toBeGreaterThanOrEqual(60);
    for (const summary of roster.body.items.filter((s) => s.studentId.startsWith('demo-')).slice(0, 20)) {
      const record = (await call<Student & { idType: string; gender: string; birthDate: string }>('GET', `/v1/students/${summary.studentId}`, { token })).body;
      if (record.idType === '1' && record.idNumber) {
        const parsed = parseIdNumber(record.idNumber);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect([parsed.value.birthDate, parsed.value.gender]).toEqual([record.birthDate, record.gender]);
        expect(record.nationalStudentNo).toBe(`G${record.idNumber}`);
      }
      expect(birthDateOf(`000000${record.birthDate.replaceAll('-', '')}`)).toBe(record.birthDate);
    }
  });
});
