// Data quality (问题学籍) over HTTP against the local stack. Two counties of this file's own (one in
// 广州, one in 深圳), each with a school, hold records planted straight into DynamoDB Local, as
// records migrated from an old system would be: no uniqueness or lookup items beside them. Planted:
// one ID number in both counties, a wrong check digit, an ID number whose birth date disagrees,
// two look-alikes without an ID number, and a clean record. A county's scan finds each problem
// once; a rescan and the other county's scan add nothing; each county sees the cross-county
// duplicate with both sides, a third county sees nothing; resolutions are refused until the
// records bear them out (nothing changes then), and the counts follow. Accounts of the new
// counties and schools are written directly and signed in with the local issuer's tokens, so the
// demo login's list stays the demo users.
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { userItem } from '#shared/data/directory-repo.ts';
import { newStudentItems } from '#shared/data/student-repo.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import type { Role } from '#shared/domain/roles.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { baseUrl, call, login, type Reply } from '../support/api.ts';
import { png } from '../support/files.ts';
import { jobEnded, type Job } from '../support/jobs.ts';
import { newStudent } from '../support/students.ts';

interface ErrorBody {
  error: { code: string; message: string; fields: { path: string; code: string }[]; details?: Record<string, unknown> };
}
interface Problem {
  problemId: string;
  kind: string;
  status: 'open' | 'resolved';
  studentIds: string[];
  students: { studentId: string; name: string; idNumber?: string; schoolId: string; schoolName: string; countyId: string; countyName: string }[];
  description: string;
  resolution: { resolution: string; comment?: string; by: { displayName: string }; evidenceIds?: string[] } | null;
}
interface Queue {
  items: Problem[];
  counts: Record<'open' | 'resolved', Record<string, number>>;
  nextCursor: string | null;
}

const HAN = /[\u4e00-\u9fff]/;
const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const stamp = String(Date.now() % 100_000_000).padStart(8, '0');

/** Two counties no other suite uses, in two cities, with a school each. */
const A = { city: '440100', county: '440183', countyName: '增城区', school: `31${stamp}`, schoolName: '增城区问题学籍测试小学' };
const B = { city: '440300', county: '440307', countyName: '龙岗区', school: `32${stamp}`, schoolName: '龙岗区问题学籍测试小学' };
type Place = typeof A;

const tokens: Record<string, string> = {};
let db: DynamoDBDocumentClient;

/** An account as POST /v1/users opens it, and a token of the local issuer for it. */
async function account(username: string, role: Role, orgId: string, orgPath: string, displayName: string): Promise<string> {
  const subject = `local|${username}`;
  await db.send(new PutCommand({ TableName: 'directory', Item: userItem({ userId: subject, username, role, orgId, orgPath, displayName }) }));
  const key = JSON.parse(readFileSync(join(inject('stack').dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
  const claims = JSON.parse(Buffer.from((await login('gz-admin')).split('.')[1]!, 'base64url').toString()) as { iss: string; aud: string };
  return new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid! }).setSubject(subject).setIssuer(claims.iss).setAudience(claims.aud).setIssuedAt().setExpirationTime('1h').sign(await importJWK(key, 'ES256'));
}

async function created<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answer = await reply;
  expect([201, 409], JSON.stringify(answer.body)).toContain(answer.status);
  return answer.body;
}

async function setUp(place: Place, cityAdmin: string): Promise<void> {
  await created(call('POST', `/v1/orgs/${place.city}/children`, { token: await login(cityAdmin), body: { code: place.county, name: place.countyName } }));
  const countyPath = `/440000/${place.city}/${place.county}`;
  tokens[place.county] = await account(`pq-admin-${place.county}-${stamp}`, 'county_admin', place.county, countyPath, `${place.countyName}教育局`);
  await created(call('POST', `/v1/orgs/${place.county}/children`, { token: tokens[place.county], body: { code: place.school, name: place.schoolName } }));
  tokens[place.school] = await account(`pq-registrar-${place.school}`, 'school_registrar', place.school, `${countyPath}/${place.school}`, `${place.schoolName} 学籍管理员`);
  await created(call('POST', `/v1/orgs/${place.school}/children`, { token: tokens[place.school], body: { code: '2026', name: '2026级' } }));
  await created(call('POST', `/v1/orgs/${place.school}-G2026/children`, { token: tokens[place.school], body: { code: '1', name: '一年级(1)班' } }));
}

/** A real ID number of a child born on `birthDate`: odd sequences for boys, even for girls. */
function idNumber(birthDate: string, gender: '1' | '2'): string {
  const first17 = `440183${birthDate.replaceAll('-', '')}${String(randomInt(1, 500) * 2 - (gender === '1' ? 1 : 0)).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
}

/** A record as an old system migrated it: the record item alone, written straight into the table. */
async function plant(place: Place, fields: { name: string; gender: '1' | '2'; birthDate: string; idNumber?: string }): Promise<StudentRecord> {
  const classId = `${place.school}-G2026-C01`;
  const { idNumber: _drawn, ...base } = newStudent({ classId, name: fields.name, gender: fields.gender, birthDate: fields.birthDate });
  const now = new Date().toISOString();
  const record = {
    ...base,
    ...(fields.idNumber ? { idNumber: fields.idNumber } : {}),
    extra: {},
    studentId: randomUUID(),
    nationalStudentNo: fields.idNumber ? `G${fields.idNumber}` : `L${place.county}${fields.birthDate.replaceAll('-', '')}${String(randomInt(10_000)).padStart(4, '0')}`,
    schoolId: place.school,
    gradeId: `${place.school}-G2026`,
    grade: '2026',
    countyId: place.county,
    orgPath: `/440000/${place.city}/${place.county}/${place.school}/${place.school}-G2026/${classId}`,
    version: 1,
    createdAt: now,
    updatedAt: now,
  } as unknown as StudentRecord;
  await db.send(new PutCommand({ TableName: 'records', Item: newStudentItems(record)[0] }));
  return record;
}

const planted: Record<'dupA' | 'dupB' | 'badSum' | 'mismatch' | 'lookA1' | 'lookA2' | 'clean', StudentRecord> = {} as never;

beforeAll(async () => {
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, endpoint: inject('stack').endpoints.dynamodb }));
  await setUp(A, 'gz-admin');
  await setUp(B, 'sz-admin');
  const shared = idNumber('2019-05-04', '1');
  const good = idNumber('2019-06-01', '2');
  planted.dupA = await plant(A, { name: '周浩然', gender: '1', birthDate: '2019-05-04', idNumber: shared });
  planted.dupB = await plant(B, { name: '周浩然', gender: '1', birthDate: '2019-05-04', idNumber: shared });
  planted.badSum = await plant(A, { name: '吴雨桐', gender: '2', birthDate: '2019-06-01', idNumber: `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}` });
  planted.mismatch = await plant(A, { name: '郑子墨', gender: '2', birthDate: '2019-06-02', idNumber: good });
  planted.lookA1 = await plant(A, { name: '林淞', gender: '1', birthDate: '2019-08-08' });
  planted.lookA2 = await plant(A, { name: '林淞', gender: '1', birthDate: '2019-08-08' });
  // Another name (凇, not 淞) and an ID number: no look-alike of the two above.
  planted.clean = await plant(A, { name: '林凇', gender: '1', birthDate: '2019-08-08', idNumber: idNumber('2019-08-08', '1') });
});

const queue = (token: string, orgId: string, query = '') => call<Queue & ErrorBody>('GET', `/v1/problems?orgId=${orgId}${query}`, { token });
const scan = (token: string, orgId: string, headers: Record<string, string> = {}) => call<Job & ErrorBody>('POST', '/v1/problems/scan', { token, body: { orgId }, headers });
const resolve = (token: string, problemId: string, body: Record<string, unknown>) => call<Problem & ErrorBody>('POST', `/v1/problems/${problemId}/resolve`, { token, body });

const finished = (jobId: string, token: string): Promise<Job> => jobEnded(jobId, token);

async function scanned(token: string, orgId: string): Promise<Job> {
  const started = await scan(token, orgId);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.kind).toBe('problemScan');
  expect(started.headers.get('location')).toBe(`/v1/jobs/${started.body.jobId}`);
  const job = await finished(started.body.jobId, token);
  expect(job.status, JSON.stringify(job.errorSamples)).toBe('succeeded');
  return job;
}

/** What a queue holds, as kind and records, sorted: to compare with what was planted. */
const findings = (items: Problem[]) => items.map((problem) => `${problem.kind} ${[...problem.studentIds].sort().join(',')}`).sort();
const finding = (kind: string, ...records: StudentRecord[]) => `${kind} ${records.map((record) => record.studentId).sort().join(',')}`;
const counts = (open: Partial<Record<string, number>>, resolved: Partial<Record<string, number>> = {}) => {
  const all = (values: Partial<Record<string, number>>) => ({ badIdNumber: 0, idMismatch: 0, duplicateId: 0, possibleDuplicate: 0, ...values });
  return { open: all(open), resolved: all(resolved) };
};
async function problemOf(kind: string): Promise<Problem> {
  const found = (await queue(tokens[A.county]!, A.county, `&kind=${kind}`)).body.items;
  expect(found).toHaveLength(1);
  return found[0]!;
}
async function allOf(token: string, orgId: string): Promise<Problem[]> {
  const [open, resolved] = await Promise.all([queue(token, orgId), queue(token, orgId, '&status=resolved')]);
  return [...open.body.items, ...resolved.body.items];
}

describe('the problem-record scan', () => {
  it('finds each planted problem of a county once, a duplicate in another county included', async () => {
    const job = await scanned(tokens[A.county]!, A.county);
    // The county's own records are what it counts: the six planted there.
    expect([job.done, job.total, job.errors]).toEqual([6, 6, 0]);
    expect(job.resultUrl).toBe(`/v1/problems?orgId=${A.county}`);

    const county = await queue(tokens[A.county]!, A.county);
    expect(county.status, JSON.stringify(county.body)).toBe(200);
    expect(findings(county.body.items)).toEqual(
      [
        finding('duplicateId', planted.dupA, planted.dupB),
        finding('badIdNumber', planted.badSum),
        finding('idMismatch', planted.mismatch),
        finding('possibleDuplicate', planted.lookA1, planted.lookA2),
      ].sort(),
    );
    expect(county.body.counts).toEqual(counts({ badIdNumber: 1, idMismatch: 1, duplicateId: 1, possibleDuplicate: 1 }));
    // Listed by kind, each said in words; the ID numbers masked as every list masks them.
    const bad = county.body.items.find((problem) => problem.kind === 'badIdNumber')!;
    expect(bad.description).toBe('证件号校验码错误');
    expect(bad.students[0]).toMatchObject({ name: '吴雨桐', schoolName: A.schoolName, countyName: A.countyName, idNumber: `${planted.badSum.idNumber!.slice(0, 6)}********${planted.badSum.idNumber!.slice(14)}` });
    expect(county.body.items.find((problem) => problem.kind === 'idMismatch')!.description).toBe('出生日期与证件号不一致');
    expect(JSON.stringify(county.body)).not.toContain(planted.dupA.idNumber);
  });

  it('lists the cross-county duplicate in both counties and both schools, with both sides; a third county sees nothing', async () => {
    const both = [A, B].flatMap((place) => [
      { token: tokens[place.county]!, orgId: place.county },
      { token: tokens[place.school]!, orgId: place.school },
    ]);
    for (const { token, orgId } of both) {
      const items = (await queue(token, orgId, '&kind=duplicateId')).body.items;
      expect(findings(items), orgId).toEqual([finding('duplicateId', planted.dupA, planted.dupB)]);
      expect(items[0]!.students.map((student) => `${student.countyName} ${student.schoolName} ${student.name}`).sort()).toEqual([`${A.countyName} ${A.schoolName} 周浩然`, `${B.countyName} ${B.schoolName} 周浩然`].sort());
    }
    expect((await queue(tokens[B.county]!, B.county)).body.counts).toEqual(counts({ duplicateId: 1 }));
    // The other school of county A has its own queue; county B's school sees only its duplicate.
    expect(findings((await queue(tokens[B.school]!, B.school)).body.items)).toEqual([finding('duplicateId', planted.dupA, planted.dupB)]);

    const duplicate = await problemOf('duplicateId');
    const tianhe = await login('tianhe-admin');
    expect(findings(await allOf(tianhe, '440106'))).not.toContain(finding('duplicateId', planted.dupA, planted.dupB));
    // Another county's queue and the problem itself are out of its reach.
    const other = await queue(tianhe, A.county);
    expect(other.status).toBe(403);
    const refused = await resolve(tianhe, duplicate.problemId, { resolution: 'notDuplicate', comment: '不是同一人' });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(HAN);
  });

  it('finds nothing new when run again, or when the other county runs it', async () => {
    const before = await allOf(tokens[A.county]!, A.county);
    await scanned(tokens[A.county]!, A.county);
    await scanned(tokens[B.county]!, B.county);
    expect(findings(await allOf(tokens[A.county]!, A.county))).toEqual(findings(before));
    expect((await queue(tokens[A.county]!, A.county)).body.counts).toEqual(counts({ badIdNumber: 1, idMismatch: 1, duplicateId: 1, possibleDuplicate: 1 }));
    expect((await queue(tokens[B.county]!, B.county)).body.counts).toEqual(counts({ duplicateId: 1 }));
  });

  it('is started by the offices only, of a school or above, one at a time per organisation', async () => {
    const teacher = await scan(await login('teacher-th-shiyan'), '2144010601');
    expect(teacher.status).toBe(403);
    const student = await scan(await login('student-th-shiyan'), '2144010601');
    expect(student.status).toBe(403);
    const otherSchool = await scan(tokens[A.school]!, B.school);
    expect(otherSchool.status).toBe(403);
    const klass = await scan(tokens[A.school]!, `${A.school}-G2026-C01`);
    expect(klass.status).toBe(400);
    expect(klass.body.error.fields.map((field) => field.path)).toEqual(['orgId']);

    // A registrar scans its school; a second scan while it runs is refused, naming the first.
    const first = await scan(tokens[A.school]!, A.school, { 'idempotency-key': `pq-scan-${stamp}` });
    expect(first.status).toBe(202);
    const again = await scan(tokens[A.school]!, A.school, { 'idempotency-key': `pq-scan-${stamp}` });
    expect([again.status, again.body.jobId]).toEqual([202, first.body.jobId]);
    const second = await scan(tokens[A.school]!, A.school);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('SCAN_RUNNING');
    expect(second.body.error.details).toEqual({ jobId: first.body.jobId });
    expect((await finished(first.body.jobId, tokens[A.school]!)).status).toBe('succeeded');
    // Its county sees the job; the neighbouring county does not.
    expect((await call('GET', `/v1/jobs/${first.body.jobId}`, { token: tokens[A.county]! })).status).toBe(200);
    expect((await call('GET', `/v1/jobs/${first.body.jobId}`, { token: tokens[B.county]! })).status).toBe(404);
  });

  it('lists for the offices only, a school or a county at a time', async () => {
    expect((await queue(await login('teacher-th-shiyan'), '2144010601')).status).toBe(403);
    const city = await queue(await login('gz-admin'), A.city);
    expect([city.status, city.body.error.code]).toEqual([400, 'SCOPE_REQUIRED']);
    // The city reads the queue of a county of its own.
    expect((await queue(await login('gz-admin'), A.county)).status).toBe(200);
    const page = await queue(tokens[A.county]!, A.county, '&limit=1');
    expect(page.body.items).toHaveLength(1);
    const next = await queue(tokens[A.county]!, A.county, `&limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0]!.problemId).not.toBe(page.body.items[0]!.problemId);
    // A cursor of one filter is refused by another, never read into the wrong place.
    const mixed = await queue(tokens[A.county]!, A.county, `&kind=idMismatch&cursor=${page.body.nextCursor}`);
    expect([mixed.status, mixed.body.error?.code]).toEqual([400, 'INVALID_CURSOR']);
  });
});

describe('settling a problem', () => {
  const unchanged = async (problemId: string) => {
    expect((await allOf(tokens[A.county]!, A.county)).find((problem) => problem.problemId === problemId)?.status).toBe('open');
  };

  it('is refused until the records bear the resolution out, in Chinese, changing nothing', async () => {
    const bad = await problemOf('badIdNumber');
    const duplicate = await problemOf('duplicateId');
    const mismatch = await problemOf('idMismatch');
    const lookAlike = await problemOf('possibleDuplicate');
    const registrar = tokens[A.school]!;
    const refusals: [Promise<Reply<Problem & ErrorBody>>, number, string][] = [
      [resolve(registrar, bad.problemId, { resolution: 'corrected' }), 422, 'PROBLEM_STILL_PRESENT'],
      [resolve(registrar, bad.problemId, { resolution: 'notDuplicate', comment: '两个人' }), 422, 'RESOLUTION_NOT_ALLOWED'],
      [resolve(registrar, bad.problemId, { resolution: 'deleted' }), 422, 'RECORD_NOT_DELETED'],
      [resolve(registrar, mismatch.problemId, { resolution: 'evidence' }), 422, 'EVIDENCE_REQUIRED'],
      [resolve(registrar, duplicate.problemId, { resolution: 'deleted' }), 422, 'RECORD_NOT_DELETED'],
      [resolve(registrar, duplicate.problemId, { resolution: 'evidence' }), 422, 'RESOLUTION_NOT_ALLOWED'],
      [resolve(registrar, lookAlike.problemId, { resolution: 'notDuplicate' }), 400, 'VALIDATION_FAILED'],
      [resolve(registrar, lookAlike.problemId, { resolution: 'settled' }), 400, 'VALIDATION_FAILED'],
      // The city reads but does not settle; county B's school cannot see county A's record.
      [resolve(await login('gz-admin'), bad.problemId, { resolution: 'evidence' }), 403, 'ROLE_NOT_ALLOWED'],
      [resolve(tokens[B.school]!, bad.problemId, { resolution: 'evidence' }), 404, 'NOT_FOUND'],
    ];
    for (const [reply, status, code] of refusals) {
      const answer = await reply;
      expect([answer.status, answer.body.error?.code], JSON.stringify(answer.body)).toEqual([status, code]);
      expect(answer.body.error.message).toMatch(HAN);
    }
    for (const problem of [bad, duplicate, mismatch, lookAlike]) await unchanged(problem.problemId);
    expect((await queue(tokens[A.county]!, A.county)).body.counts).toEqual(counts({ badIdNumber: 1, idMismatch: 1, duplicateId: 1, possibleDuplicate: 1 }));
  });

  it('as deleted once a record of it is deleted, for both counties at once', async () => {
    const duplicate = await problemOf('duplicateId');
    // County B's school deletes its copy, the usual way (with a reason); county A then settles it.
    const deleted = await call('DELETE', `/v1/students/${planted.dupB.studentId}`, { token: tokens[B.school]!, body: { reason: '重复注册，保留增城区的学籍' } });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    const settled = await resolve(tokens[A.county]!, duplicate.problemId, { resolution: 'deleted', comment: '龙岗区学籍为重复注册' });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body).toMatchObject({ status: 'resolved', resolution: { resolution: 'deleted', comment: '龙岗区学籍为重复注册', by: { displayName: `${A.countyName}教育局` } } });
    const twice = await resolve(tokens[B.county]!, duplicate.problemId, { resolution: 'deleted' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'PROBLEM_RESOLVED']);
    for (const [token, orgId] of [[tokens[A.county]!, A.county], [tokens[B.county]!, B.county], [tokens[B.school]!, B.school]] as const) {
      const resolved = await queue(token, orgId, '&status=resolved&kind=duplicateId');
      expect(resolved.body.items.map((problem) => problem.problemId), orgId).toEqual([duplicate.problemId]);
      expect(resolved.body.counts.open.duplicateId).toBe(0);
      expect(resolved.body.counts.resolved.duplicateId).toBe(1);
    }
    // The deleted record is still there for its school and county.
    expect((await call<{ deleted: unknown }>('GET', `/v1/students/${planted.dupB.studentId}`, { token: tokens[B.county]! })).body.deleted).toBeTruthy();
  });

  it('with evidence once a file passed its check', async () => {
    const mismatch = await problemOf('idMismatch');
    const image = png(200, 2);
    const slot = await call<{ evidenceId: string; upload: { url: string; fields: Record<string, string> } } & ErrorBody>('POST', `/v1/problems/${mismatch.problemId}/evidence`, {
      token: tokens[A.school]!,
      body: { fileName: '户口簿 本人页.png', contentType: 'image/png', size: image.length },
    });
    expect(slot.status, JSON.stringify(slot.body)).toBe(201);
    expect(slot.body.upload.fields.key).toBe(`incoming/evidence/problems/${mismatch.problemId}/${slot.body.evidenceId}`);
    const form = new FormData();
    for (const [field, value] of Object.entries(slot.body.upload.fields)) form.append(field, value);
    form.append('file', new Blob([image], { type: 'image/png' }), '户口簿 本人页.png');
    expect((await fetch(slot.body.upload.url, { method: 'POST', body: form, headers: { origin: baseUrl() } })).status).toBe(204);
    let status = 'pending';
    for (let attempt = 0; attempt < 150 && status === 'pending'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const files = await call<{ items: { evidenceId: string; status: string; url?: string }[] }>('GET', `/v1/problems/${mismatch.problemId}/evidence`, { token: tokens[A.county]! });
      status = files.body.items.find((item) => item.evidenceId === slot.body.evidenceId)?.status ?? 'pending';
    }
    expect(status).toBe('accepted');
    const settled = await resolve(tokens[A.school]!, mismatch.problemId, { resolution: 'evidence', comment: '户口簿出生日期与身份证一致，登记的出生日期为实际出生日期' });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body.resolution).toMatchObject({ resolution: 'evidence', evidenceIds: [slot.body.evidenceId] });
    // A settled problem takes no more files.
    const late = await call<ErrorBody>('POST', `/v1/problems/${mismatch.problemId}/evidence`, { token: tokens[A.school]!, body: { fileName: 'x.png', contentType: 'image/png', size: 10 } });
    expect([late.status, late.body.error.code]).toEqual([409, 'PROBLEM_RESOLVED']);
  });

  it('as two people, with the reason', async () => {
    const lookAlike = await problemOf('possibleDuplicate');
    const settled = await resolve(tokens[A.school]!, lookAlike.problemId, { resolution: 'notDuplicate', comment: '双胞胎，已核对出生证明' });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body.resolution).toMatchObject({ resolution: 'notDuplicate', comment: '双胞胎，已核对出生证明' });
  });

  it('as corrected once the record passes, and a scan opens it again when the fault comes back; the others stay settled', async () => {
    const bad = await problemOf('badIdNumber');
    // The ID number corrected (as an approved 关键信息变更 leaves it).
    const setId = (value: string) =>
      db.send(new UpdateCommand({ TableName: 'records', Key: { PK: `STUDENT#${planted.badSum.studentId}`, SK: 'RECORD' }, UpdateExpression: 'SET idNumber = :id', ExpressionAttributeValues: { ':id': value } }));
    await setId(idNumber('2019-06-01', '2'));
    const settled = await resolve(tokens[A.county]!, bad.problemId, { resolution: 'corrected' });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect((await queue(tokens[A.county]!, A.county)).body.counts).toEqual(counts({}, { badIdNumber: 1, idMismatch: 1, duplicateId: 1, possibleDuplicate: 1 }));

    await scanned(tokens[A.county]!, A.county);
    expect((await queue(tokens[A.county]!, A.county)).body.counts).toEqual(counts({}, { badIdNumber: 1, idMismatch: 1, duplicateId: 1, possibleDuplicate: 1 }));

    await setId(planted.badSum.idNumber!);
    await scanned(tokens[A.county]!, A.county);
    const reopened = await queue(tokens[A.county]!, A.county);
    expect(reopened.body.items.map((problem) => [problem.problemId, problem.status, problem.resolution])).toEqual([[bad.problemId, 'open', null]]);
    expect(reopened.body.counts).toEqual(counts({ badIdNumber: 1 }, { idMismatch: 1, duplicateId: 1, possibleDuplicate: 1 }));
  });
});

describe('the nightly scan', () => {
  it('covers the whole deployment, started by the schedule', async () => {
    const wrong = idNumber('2019-09-09', '2');
    const late = await plant(B, { name: '何一诺', gender: '2', birthDate: '2019-09-09', idNumber: `${wrong.slice(0, 17)}${wrong[17] === '0' ? '1' : '0'}` });
    const run = await fetch(`${baseUrl()}/local/schedules/ChangeTimers/run?job=problemScan`, { method: 'POST' });
    expect(run.status).toBe(200);
    let found: string[] = [];
    for (let attempt = 0; attempt < 600 && !found.includes(finding('badIdNumber', late)); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      found = findings((await queue(tokens[B.county]!, B.county)).body.items);
    }
    expect(found).toContain(finding('badIdNumber', late));
  });
});
