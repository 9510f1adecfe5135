// Statistics (统计) over HTTP against the local stack: in a county of this file's own (two schools,
// three classes), a random series of enrolments, edits of counted fields, transfers between the
// schools (filed, approved by both parties), leaves (approved, and one left pending) and deletions;
// then, once the stream consumer has caught up, GET /v1/stats of the county, each school, grade and
// class reconciles with the records listed and read through the API, and the county's children are
// its schools. The series is seeded (STATS_SEED to replay one). And the consumer, run in the test
// process on the stack's table, adds a redelivered stream record once. The county's and schools'
// accounts are written directly and signed in with the local issuer's tokens, so the demo login's
// list stays the demo users.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { userItem } from '#shared/data/directory-repo.ts';
import type { Role } from '#shared/domain/roles.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { call, login, type Reply } from '../support/api.ts';
import { useStackDynamo } from '../support/stack-dynamo.ts';
import { newStudent } from '../support/students.ts';

interface Counts {
  students: number;
  byStatus: Record<string, number>;
  byGrade: Record<string, number>;
  byGender: Record<string, number>;
  byEthnicity: Record<string, number>;
  special: Record<'migrant' | 'leftBehind' | 'orphan' | 'disability', number>;
  openProblems: { total: number; byKind: Record<string, number> };
  pendingCases: { total: number; byType: Record<string, number> };
}
interface Stats {
  orgId: string;
  kind: string;
  name: string;
  counts: Counts;
  children?: { orgId: string; kind: string; name: string; counts: Counts }[];
}
interface Student {
  studentId: string;
  nationalStudentNo: string;
  name: string;
  version: number;
  countyId: string;
  schoolId: string;
  gradeId: string;
  classId: string;
  grade: string;
  gender: string;
  ethnicity: string;
  status?: string;
  migrantChild?: string;
  leftBehind?: string;
  orphan?: string;
  disability?: string;
}
interface Change {
  changeId: string;
  status: string;
  currentStep: number;
}

const SEED = Number(process.env.STATS_SEED ?? Date.now() % 1_000_000);
/** mulberry32: a small seeded generator, so a failing series can be replayed. */
const random = (() => {
  let state = SEED;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
})();
const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

const stamp = String(Date.now() % 100_000_000).padStart(8, '0');
const CITY = '440100';
const COUNTY = '440184';
const SCHOOLS = [`51${stamp}`, `52${stamp}`] as const;
/** Per school, its grades and one class each ('2026' has two classes in the second school). */
const CLASSES: Record<string, string[]> = {
  [SCHOOLS[0]]: [`${SCHOOLS[0]}-G2025-C01`, `${SCHOOLS[0]}-G2026-C01`],
  [SCHOOLS[1]]: [`${SCHOOLS[1]}-G2026-C01`, `${SCHOOLS[1]}-G2026-C02`],
};
const schoolOf = (classId: string) => classId.slice(0, 10);
const COUNTY_PATH = `/440000/${CITY}/${COUNTY}`;

/** Tokens of this file's own accounts, by username; the demo users sign in as usual. */
const tokens: Record<string, string> = {};
const countyAdmin = `stats-county-${stamp}`;
const registrarOf = (schoolId: string) => `stats-reg-${schoolId}`;
const tokenOf = async (username: string) => tokens[username] ?? login(username);

/** An account as POST /v1/users opens it, written directly, and a token of the local issuer for it. */
async function account(username: string, role: Role, orgId: string, orgPath: string): Promise<void> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: inject('stack').endpoints.dynamodb }));
  const subject = `local|${username}`;
  await db.send(new PutCommand({ TableName: 'directory', Item: userItem({ userId: subject, username, role, orgId, orgPath, displayName: '统计测试' }) }));
  const key = JSON.parse(readFileSync(join(inject('stack').dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
  const claims = JSON.parse(Buffer.from((await login('gz-admin')).split('.')[1]!, 'base64url').toString()) as { iss: string; aud: string };
  tokens[username] = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid! }).setSubject(subject).setIssuer(claims.iss).setAudience(claims.aud).setIssuedAt().setExpirationTime('1h').sign(await importJWK(key, 'ES256'));
}

async function created(reply: Promise<Reply>): Promise<void> {
  const answer = await reply;
  expect([201, 409], JSON.stringify(answer.body)).toContain(answer.status);
}

beforeAll(async () => {
  const city = await login('gz-admin');
  await created(call('POST', `/v1/orgs/${CITY}/children`, { token: city, body: { code: COUNTY, name: '从化区' } }));
  await account(countyAdmin, 'county_admin', COUNTY, COUNTY_PATH);
  const county = await tokenOf(countyAdmin);
  for (const schoolId of SCHOOLS) {
    await created(call('POST', `/v1/orgs/${COUNTY}/children`, { token: county, body: { code: schoolId, name: `统计测试学校${schoolId.slice(0, 2)}` } }));
    await account(registrarOf(schoolId), 'school_registrar', schoolId, `${COUNTY_PATH}/${schoolId}`);
    const registrar = await tokenOf(registrarOf(schoolId));
    for (const classId of CLASSES[schoolId]!) {
      const [, grade, klass] = /-G(\d{4})-C(\d{2})$/.exec(classId)!;
      await created(call('POST', `/v1/orgs/${schoolId}/children`, { token: registrar, body: { code: grade, name: `${grade}级` } }));
      await created(call('POST', `/v1/orgs/${schoolId}-G${grade}/children`, { token: registrar, body: { code: klass, name: `${klass}班` } }));
    }
  }
}, 60_000);

/** The students of the series as the test knows them: where each is and whether a case of it is open. */
const students = new Map<string, { classId: string; version: number; open: boolean; name: string; nationalStudentNo: string }>();
const pendingCases: { type: string; schoolId: string }[] = [];

const codes = () => ({
  ethnicity: pick(['01', '01', '02', '08', '15']),
  migrantChild: pick(['0', '1']),
  leftBehind: pick(['0', '0', '1', '2']),
  orphan: pick(['0', '0', '0', '1']),
  disability: pick(['0', '0', '0', '4']),
});

async function enrol(): Promise<void> {
  const classId = pick(Object.values(CLASSES).flat());
  const reply = await call<Student>('POST', '/v1/students', { token: await tokenOf(registrarOf(schoolOf(classId))), body: newStudent({ name: '统计测试', classId, ...codes() }) });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  students.set(reply.body.studentId, { classId, version: reply.body.version, open: false, name: reply.body.name, nationalStudentNo: reply.body.nationalStudentNo });
}

const idle = () => [...students].filter(([, student]) => !student.open);

async function edit(): Promise<void> {
  const candidates = idle();
  if (candidates.length === 0) return enrol();
  const [studentId, student] = pick(candidates);
  const { ethnicity, migrantChild, leftBehind } = codes();
  const body = pick([{ ethnicity }, { migrantChild }, { leftBehind }, { ethnicity, migrantChild }]);
  const reply = await call<Student>('PATCH', `/v1/students/${studentId}`, { token: await tokenOf(registrarOf(schoolOf(student.classId))), body, headers: { 'if-match': `"${student.version}"` } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  student.version = reply.body.version;
}

async function remove(): Promise<void> {
  const candidates = idle();
  if (candidates.length === 0) return enrol();
  const [studentId, student] = pick(candidates);
  const reply = await call('DELETE', `/v1/students/${studentId}`, { token: await tokenOf(registrarOf(schoolOf(student.classId))), body: { reason: '重复注册，经核实删除' } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  students.delete(studentId);
}

async function decided(username: string, change: Change): Promise<Change> {
  const reply = await call<Change>('POST', `/v1/changes/${change.changeId}/approve`, { token: await tokenOf(username), body: { comment: '同意' } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const now = await call<Change>('GET', `/v1/changes/${change.changeId}`, { token: await tokenOf(username) });
    if (now.status === 200 && (now.body.currentStep > change.currentStep || now.body.status !== 'pending')) return now.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`case ${change.changeId} did not move on`);
}

/** Same county: the receiving school files, the sending school and the county approve; the record moves. */
async function transfer(): Promise<void> {
  const candidates = idle();
  if (candidates.length === 0) return enrol();
  const [studentId, student] = pick(candidates);
  const to = pick(CLASSES[SCHOOLS.find((schoolId) => schoolId !== schoolOf(student.classId))!]!);
  const filed = await call<Change>('POST', '/v1/changes', { token: await tokenOf(registrarOf(schoolOf(to))), body: { type: 'transfer', nationalStudentNo: student.nationalStudentNo, name: student.name, toClassId: to, reason: '随父母工作调动' } });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const approved = await decided(countyAdmin, await decided(registrarOf(schoolOf(student.classId)), filed.body));
  expect(approved.status).toBe('approved');
  const moved = await call<Student>('GET', `/v1/students/${studentId}`, { token: await tokenOf(registrarOf(schoolOf(to))) });
  expect(moved.body.classId).toBe(to);
  Object.assign(student, { classId: to, version: moved.body.version });
}

/** A leave, approved by the county (the record stays on roll, on leave), or left pending. */
async function leave(): Promise<void> {
  const candidates = idle();
  if (candidates.length === 0) return enrol();
  const [studentId, student] = pick(candidates);
  const schoolId = schoolOf(student.classId);
  const filed = await call<Change>('POST', '/v1/changes', { token: await tokenOf(registrarOf(schoolId)), body: { type: 'leave', studentId, reason: '病休', from: '2026-10-01', until: '2027-01-31' } });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  // A student on leave, or with a case pending, takes no further part in the series.
  student.open = true;
  if (random() < 0.5) {
    pendingCases.push({ type: 'leave', schoolId });
    return;
  }
  expect((await decided(countyAdmin, filed.body)).status).toBe('approved');
}

/** What the records listed and read through the API come to, per organisation of the county. */
async function countsFromRecords(): Promise<Map<string, Counts>> {
  const counts = new Map<string, Counts>();
  const blank = (): Counts => ({ students: 0, byStatus: {}, byGrade: {}, byGender: {}, byEthnicity: {}, special: { migrant: 0, leftBehind: 0, orphan: 0, disability: 0 }, openProblems: { total: 0, byKind: {} }, pendingCases: { total: 0, byType: {} } });
  const at = (orgId: string) => counts.get(orgId) ?? (counts.set(orgId, blank()), counts.get(orgId)!);
  const plus = (group: Record<string, number>, code: string) => (group[code] = (group[code] ?? 0) + 1);
  for (const orgId of [COUNTY, ...SCHOOLS, ...Object.values(CLASSES).flat().flatMap((classId) => [classId, classId.slice(0, -4)])]) at(orgId);
  for (const schoolId of SCHOOLS) {
    const token = await tokenOf(registrarOf(schoolId));
    let cursor: string | null = null;
    do {
      const page: Reply<{ items: { studentId: string }[]; nextCursor: string | null }> = await call('GET', `/v1/students?schoolId=${schoolId}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
      expect(page.status).toBe(200);
      for (const row of page.body.items) {
        const record = (await call<Student>('GET', `/v1/students/${row.studentId}`, { token })).body;
        for (const orgId of [record.countyId, record.schoolId, record.gradeId, record.classId]) {
          const org = at(orgId);
          org.students += 1;
          plus(org.byStatus, record.status ?? 'enrolled');
          plus(org.byGrade, record.grade);
          plus(org.byGender, record.gender);
          plus(org.byEthnicity, record.ethnicity);
          if (record.migrantChild === '1') org.special.migrant += 1;
          if (record.leftBehind && record.leftBehind !== '0') org.special.leftBehind += 1;
          if (record.orphan === '1') org.special.orphan += 1;
          if (record.disability && record.disability !== '0') org.special.disability += 1;
        }
      }
      cursor = page.body.nextCursor;
    } while (cursor);
  }
  // A leave's case reaches its school (the applicant) and the county (its one step).
  for (const { type, schoolId } of pendingCases) {
    for (const orgId of [schoolId, COUNTY]) {
      const org = at(orgId);
      org.pendingCases.total += 1;
      plus(org.pendingCases.byType, type);
    }
  }
  return counts;
}

/** Counts with their codes in one order, to compare as text. */
const sorted = (value: Counts): Counts => JSON.parse(JSON.stringify(value, (_, inner: unknown) => (inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort()) : inner))) as Counts;

const stats = async (orgId: string, username = countyAdmin, query = '') => call<Stats>('GET', `/v1/stats?orgId=${orgId}${query}`, { token: await tokenOf(username) });

describe('statistics', () => {
  it(`reconcile with the records after a random series of enrolments, edits, transfers, leaves and deletions (seed ${SEED})`, async () => {
    for (let n = 0; n < 12; n += 1) await enrol();
    for (let step = 0; step < 30; step += 1) await pick([enrol, enrol, edit, edit, transfer, leave, remove])();

    const expected = await countsFromRecords();
    // The consumer follows the stream a moment behind: wait until the county agrees, then compare every organisation.
    const county = JSON.stringify(sorted(expected.get(COUNTY)!));
    for (let attempt = 0; attempt < 150 && JSON.stringify(sorted((await stats(COUNTY)).body.counts)) !== county; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 200));
    for (const [orgId, counts] of expected) {
      const reply = await stats(orgId);
      expect(reply.status).toBe(200);
      expect(sorted(reply.body.counts), `${orgId} (seed ${SEED})`).toEqual(sorted(counts));
    }

    const withChildren = await stats(COUNTY, countyAdmin, '&children=true');
    expect(withChildren.body.children?.map((child) => child.orgId).sort()).toEqual([...SCHOOLS].sort());
    for (const child of withChildren.body.children ?? []) expect(child.counts.students).toBe(expected.get(child.orgId)!.students);
    // Nothing of this county's reaches another county.
    expect((await stats('440106', 'tianhe-admin')).body.counts.students).toBeGreaterThan(0);
  }, 240_000);

  it('answers the offices of the area only', async () => {
    expect((await stats(SCHOOLS[0], registrarOf(SCHOOLS[0]))).status).toBe(200);
    expect((await stats(SCHOOLS[1], registrarOf(SCHOOLS[0]))).status).toBe(403);
    expect((await stats(COUNTY, registrarOf(SCHOOLS[0]))).status).toBe(403);
    expect((await stats(COUNTY, 'gz-admin')).status).toBe(200);
    expect((await stats(COUNTY, 'sz-admin')).status).toBe(403);
    const teacher = await stats('2144010601', 'teacher-th-shiyan');
    expect(teacher.status).toBe(403);
    expect((await stats('2144010601', 'student-th-shiyan')).status).toBe(403);
    expect((await stats('no-such-org', 'sheng-admin')).status).toBe(404);
  });
});

describe('the stream consumer', () => {
  it('adds a redelivered record once, also within a batch that brings new ones', async () => {
    useStackDynamo([RECORDS_TABLE]);
    const { handler } = await import('#functions/stats-stream/index.ts');
    const { orgCounts } = await import('#shared/data/stats-repo.ts');
    // Organisations of their own, outside the tree: nothing else counts there.
    const root = `STATSX${stamp}`;
    const record = (n: number) => ({
      eventID: `stats-test-${stamp}-${n}`,
      eventName: 'INSERT' as const,
      dynamodb: {
        SequenceNumber: String(1000 + n),
        NewImage: { itemType: { S: 'student' }, orgPath: { S: `/${root}/${root}-S/${root}-S-C${n % 2}` }, grade: { S: '2026' }, gender: { S: '1' }, ethnicity: { S: '01' }, migrantChild: { S: '1' } },
      },
    });
    const event = (...numbers: number[]): DynamoDBStreamEvent => ({ Records: numbers.map(record) });
    expect(await handler(event(1, 2))).toEqual({ batchItemFailures: [] });
    expect(await handler(event(1, 2))).toEqual({ batchItemFailures: [] });
    expect(await handler(event(2, 3))).toEqual({ batchItemFailures: [] });
    expect(await orgCounts(root, null)).toEqual({ students: 3, status_enrolled: 3, grade_2026: 3, gender_1: 3, ethnicity_01: 3, migrant: 3 });
    expect((await orgCounts(`${root}-S-C1`, `${root}-S`)).students).toBe(2);
  });
});
