// Year-end batches over HTTP against the local stack: promotion and graduation of a school answer
// 202 with a job that the jobs queue works through, refused while the school has open cases;
// lists show a grade's graduates only when asked. The school is this file's own (promotion renames
// grades and classes), built through the API in a county other suites do not list, so parallel
// suites are unaffected; its registrar's account is written directly and signed in with a token of
// the local issuer, so the demo login's list of users stays the demo users.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { userItem } from '#shared/data/directory-repo.ts';
import type { Job } from '../support/jobs.ts';
import { call, login, type Reply } from '../support/api.ts';
import { newStudent } from '../support/students.ts';

interface ErrorBody {
  error: { code: string; details?: Record<string, unknown>; fields: { path: string }[] };
}
interface Student {
  studentId: string;
  name: string;
  status: string;
  version: number;
}
interface HistoryEntry {
  action: string;
  reason?: string;
  changes: { field: string; old: unknown; new: unknown }[];
}

// 南山区 (深圳市): the county's admin, another school's registrar there, and the city above.
const COUNTY = '440305';
const COUNTY_ADMIN = 'nanshan-admin';
const NEIGHBOUR = 'registrar-ns-qianhai';
const SCHOOL = `29${String(Date.now() % 100_000_000).padStart(8, '0')}`;
const REGISTRAR = `ye-registrar-${SCHOOL}`;
const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** The school's grades: a leaving 六年级, a 五年级 of two classes, and a new intake's grade not filled yet. */
const GRADES = [
  { code: '2021', name: '2021级 (六年级)', classes: ['六年级(1)班'] },
  { code: '2022', name: '2022级 (五年级)', classes: ['五年级(1)班', '五年级(2)班'] },
  { code: '2027', name: '2027级 (一年级)', classes: ['一年级(1)班'] },
];

const students: Record<string, Student[]> = {};
let registrar: string;
let db: DynamoDBDocumentClient;
let sqs: SQSClient;

async function created<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answer = await reply;
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** The school's registrar: an account as POST /v1/users opens it, without the demo login's entry, and a token of the local issuer. */
async function signInRegistrar(): Promise<string> {
  const subject = `local|${REGISTRAR}`;
  const account = { userId: subject, username: REGISTRAR, role: 'school_registrar' as const, orgId: SCHOOL, orgPath: `/440000/440300/${COUNTY}/${SCHOOL}`, displayName: '学年末测试小学 学籍管理员' };
  await db.send(new PutCommand({ TableName: 'directory', Item: userItem(account), ConditionExpression: 'attribute_not_exists(PK)' }));
  const key = JSON.parse(readFileSync(join(inject('stack').dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
  const claims = JSON.parse(Buffer.from((await login(COUNTY_ADMIN)).split('.')[1]!, 'base64url').toString()) as { iss: string; aud: string };
  return new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid! }).setSubject(subject).setIssuer(claims.iss).setAudience(claims.aud).setIssuedAt().setExpirationTime('1h').sign(await importJWK(key, 'ES256'));
}

beforeAll(async () => {
  const { endpoints } = inject('stack');
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, endpoint: endpoints.dynamodb }));
  sqs = new SQSClient({ ...local, endpoint: endpoints.sqs });
  await created(call('POST', `/v1/orgs/${COUNTY}/children`, { token: await login(COUNTY_ADMIN), body: { code: SCHOOL, name: '南山区学年末测试小学' } }));
  registrar = await signInRegistrar();
  for (const grade of GRADES) {
    await created(call('POST', `/v1/orgs/${SCHOOL}/children`, { token: registrar, body: { code: grade.code, name: grade.name } }));
    for (const [index, name] of grade.classes.entries()) {
      await created(call('POST', `/v1/orgs/${SCHOOL}-G${grade.code}/children`, { token: registrar, body: { code: String(index + 1), name } }));
    }
  }
  const enrol = async (classId: string, name: string) => {
    const student = await created(call<Student>('POST', '/v1/students', { token: registrar, body: newStudent({ classId, name, enrolledOn: '2021-09' }) }));
    (students[classId] ??= []).push(student);
  };
  await enrol(`${SCHOOL}-G2021-C01`, '毕业甲');
  await enrol(`${SCHOOL}-G2021-C01`, '毕业乙');
  await enrol(`${SCHOOL}-G2022-C01`, '升级甲');
  await enrol(`${SCHOOL}-G2022-C01`, '升级乙');
  await enrol(`${SCHOOL}-G2022-C02`, '升级丙');
});

const post = (token: string, kind: 'promotion' | 'graduation', body?: unknown, headers: Record<string, string> = {}) =>
  call<Job & ErrorBody>('POST', `/v1/schools/${SCHOOL}/${kind}`, { token, ...(body === undefined ? {} : { body }), headers });

/** Polls the job until it has ended, keeping what each poll said. */
async function finished(jobId: string, token = registrar): Promise<{ job: Job; seen: Job[] }> {
  const seen: Job[] = [];
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const reply = await call<Job>('GET', `/v1/jobs/${jobId}`, { token });
    expect(reply.status).toBe(200);
    seen.push(reply.body);
    if (reply.body.status === 'succeeded' || reply.body.status === 'failed') return { job: reply.body, seen };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not end`);
}

const history = async (studentId: string) => (await call<{ items: HistoryEntry[] }>('GET', `/v1/students/${studentId}/history`, { token: registrar })).body.items;
const record = async (studentId: string) => (await call<Student>('GET', `/v1/students/${studentId}`, { token: registrar })).body;
const children = async (orgId: string) => (await call<{ items: { orgId: string; name: string }[] }>('GET', `/v1/orgs/${orgId}/children?limit=500`, { token: registrar })).body.items;

/** Puts a finished job back to its first chunk and sends that chunk again, as a redelivery after a lost update would. */
async function runAgain(jobId: string, state: (state: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const key = { PK: `JOB#${jobId}`, SK: 'JOB' };
  const { Item } = await db.send(new GetCommand({ TableName: 'records', Key: key, ConsistentRead: true }));
  const { completedAt: _completedAt, ...job } = Item!;
  await db.send(new PutCommand({ TableName: 'records', Item: { ...job, status: 'running', step: 1, done: 0, errors: 0, errorSamples: [], resultUrl: null, state: state(job.state as Record<string, unknown>) } }));
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'jobs' }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ jobId, step: 1 }) }));
}

describe('year-end batches', () => {
  it('wait for the school’s open cases, listing them', async () => {
    const [student] = students[`${SCHOOL}-G2022-C01`]!;
    const leave = await call<{ changeId: string }>('POST', '/v1/changes', { token: registrar, body: { type: 'leave', studentId: student!.studentId, reason: '病休', from: '2027-07-01', until: '2027-12-31' } });
    expect(leave.status, JSON.stringify(leave.body)).toBe(201);

    const refused = await post(registrar, 'promotion');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('OPEN_CASES');
    expect(refused.body.error.details).toEqual({ count: 1, cases: [{ changeId: leave.body.changeId, type: 'leave', studentName: '升级甲' }] });
    expect((await post(registrar, 'graduation', { gradeId: `${SCHOOL}-G2021` })).body.error?.code).toBe('OPEN_CASES');

    const cancelled = await call<{ status: string }>('POST', `/v1/changes/${leave.body.changeId}/cancel`, { token: registrar, body: {} });
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('are the school registrar’s: the county and other schools are refused', async () => {
    const county = await post(await login(COUNTY_ADMIN), 'promotion');
    expect([county.status, county.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    expect((await post(await login(NEIGHBOUR), 'promotion')).status).toBe(403);
    const otherGrade = await post(registrar, 'graduation', { gradeId: '2144010601-G2024' });
    expect([otherGrade.status, otherGrade.body.error.fields[0]?.path]).toEqual([400, 'gradeId']);
  });

  it('run one at a time per school', async () => {
    // Another year-end job of the school holds it (as a running one does).
    const hold = { PK: `YEAREND#${SCHOOL}`, SK: 'HOLD' };
    await db.send(new PutCommand({ TableName: 'records', Item: { ...hold, itemType: 'jobHold', jobId: 'other-job', kind: 'graduation' } }));
    const refused = await post(registrar, 'promotion');
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([409, 'JOB_RUNNING', { jobId: 'other-job' }]);
    await db.send(new DeleteCommand({ TableName: 'records', Key: hold }));
  });

  it('promotion renames the grades one year up but the leaving one, and writes each student’s history', async () => {
    const key = `promote-${SCHOOL}`;
    const started = await post(registrar, 'promotion', undefined, { 'idempotency-key': key });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.headers.get('location')).toBe(`/v1/jobs/${started.body.jobId}`);
    expect(started.body).toMatchObject({ kind: 'promotion', status: 'queued', done: 0, orgId: SCHOOL });
    // The same request again is the same job, not a second promotion.
    const again = await post(registrar, 'promotion', undefined, { 'idempotency-key': key });
    expect([again.status, again.body.jobId, again.headers.get('idempotent-replayed')]).toEqual([202, started.body.jobId, 'true']);

    const { job, seen } = await finished(started.body.jobId);
    // A grade and its two classes renamed, and the grade's three students.
    expect(job).toMatchObject({ status: 'succeeded', total: 6, done: 6, errors: 0, errorSamples: [], resultUrl: `/v1/orgs/${SCHOOL}/children` });
    const done = seen.map((poll) => poll.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    // Once a school year: a second promotion (a new request, another key) is refused.
    const twice = await post(registrar, 'promotion', undefined, { 'idempotency-key': `${key}-twice` });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_PROMOTED']);

    expect((await children(SCHOOL)).map((grade) => [grade.orgId, grade.name])).toEqual([
      [`${SCHOOL}-G2021`, '2021级 (六年级)'],
      [`${SCHOOL}-G2022`, '2022级 (六年级)'],
      [`${SCHOOL}-G2027`, '2027级 (一年级)'],
    ]);
    expect((await children(`${SCHOOL}-G2022`)).map((cls) => cls.name)).toEqual(['六年级(1)班', '六年级(2)班']);
    expect((await children(`${SCHOOL}-G2021`)).map((cls) => cls.name)).toEqual(['六年级(1)班']);

    const [moved] = students[`${SCHOOL}-G2022-C02`]!;
    const [latest] = await history(moved!.studentId);
    expect(latest).toMatchObject({ action: 'change.promotion', reason: '升级' });
    expect(latest!.changes).toEqual([
      { field: 'gradeName', old: '2022级 (五年级)', new: '2022级 (六年级)' },
      { field: 'className', old: '五年级(2)班', new: '六年级(2)班' },
    ]);
    // The record itself is the same record: its grade is keyed by the entry year.
    expect((await record(moved!.studentId)).version).toBe(moved!.version);
    const [leaving] = students[`${SCHOOL}-G2021-C01`]!;
    expect((await history(leaving!.studentId)).map((entry) => entry.action)).not.toContain('change.promotion');

    // Its chunk run again (a redelivery after a lost update) has no second effect.
    await runAgain(job.jobId, (state) => ({ ...state, renamed: 0, unit: 0 }));
    const rerun = await finished(job.jobId);
    expect(rerun.job).toMatchObject({ status: 'succeeded', done: 6, errors: 0 });
    expect((await history(moved!.studentId)).filter((entry) => entry.action === 'change.promotion')).toHaveLength(1);
    expect((await children(`${SCHOOL}-G2022`)).map((cls) => cls.name)).toEqual(['六年级(1)班', '六年级(2)班']);
  });

  it('graduation turns a grade’s records graduated, which lists then show only when asked', async () => {
    const started = await post(registrar, 'graduation', { gradeId: `${SCHOOL}-G2021` });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const { job } = await finished(started.body.jobId);
    expect(job).toMatchObject({ kind: 'graduation', status: 'succeeded', total: 2, done: 2, errors: 0, resultUrl: `/v1/students?schoolId=${SCHOOL}&grade=${SCHOOL}-G2021&status=graduated` });

    const graduates = students[`${SCHOOL}-G2021-C01`]!;
    for (const graduate of graduates) {
      expect(await record(graduate.studentId)).toMatchObject({ status: 'graduated', version: graduate.version + 1 });
      const [latest] = await history(graduate.studentId);
      expect(latest).toMatchObject({ action: 'change.graduation', changes: [{ field: 'status', old: 'enrolled', new: 'graduated' }] });
    }
    const ids = (reply: Reply<{ items: Student[] }>) => reply.body.items.map((row) => row.studentId).sort();
    const onRoll = await call<{ items: Student[] }>('GET', `/v1/students?schoolId=${SCHOOL}&limit=500`, { token: registrar });
    expect(ids(onRoll)).toEqual(Object.values(students).flat().filter((student) => !graduates.includes(student)).map((student) => student.studentId).sort());
    const graduated = await call<{ items: Student[] }>('GET', `/v1/students?schoolId=${SCHOOL}&status=graduated&limit=500`, { token: registrar });
    expect(ids(graduated)).toEqual(graduates.map((student) => student.studentId).sort());
    expect(graduated.body.items.every((row) => row.status === 'graduated')).toBe(true);
    const both = await call<{ items: Student[] }>('GET', `/v1/students?classId=${SCHOOL}-G2021-C01&status=enrolled,graduated`, { token: registrar });
    expect(ids(both)).toEqual(graduates.map((student) => student.studentId).sort());
    // 在籍学生数 counts those on roll: the graduated grade and its class have none left, at once.
    expect((await call<{ studentCount: number }>('GET', `/v1/orgs/${SCHOOL}-G2021`, { token: registrar })).body.studentCount).toBe(0);
    expect((await call<{ items: { studentCount: number }[] }>('GET', `/v1/orgs/${SCHOOL}-G2021/children`, { token: registrar })).body.items.map((cls) => cls.studentCount)).toEqual([0]);
    expect((await call<ErrorBody>('GET', `/v1/students?schoolId=${SCHOOL}&status=alumni`, { token: registrar })).body.error.fields[0]?.path).toBe('status');

    // Its chunk run again: each record graduated once, one version, one history entry.
    await runAgain(job.jobId, (state) => ({ gradeId: state.gradeId, units: state.units, unit: 0 }));
    expect((await finished(job.jobId)).job).toMatchObject({ status: 'succeeded', done: 2, errors: 0 });
    for (const graduate of graduates) {
      expect((await record(graduate.studentId)).version).toBe(graduate.version + 1);
      expect((await history(graduate.studentId)).filter((entry) => entry.action === 'change.graduation')).toHaveLength(1);
    }
  });

  it('a grade larger than a chunk graduates chunk by chunk, a message each, its progress never going back', async () => {
    await created(call('POST', `/v1/orgs/${SCHOOL}/children`, { token: registrar, body: { code: '2020', name: '2020级 (六年级)' } }));
    const classes = [`${SCHOOL}-G2020-C01`, `${SCHOOL}-G2020-C02`];
    for (const number of [1, 2]) await created(call('POST', `/v1/orgs/${SCHOOL}-G2020/children`, { token: registrar, body: { code: String(number), name: `六年级(${number})班` } }));
    // 130 students (more than a chunk of 100), in ten parallel lanes.
    const names = Array.from({ length: 130 }, (_, index) => index);
    await Promise.all(
      Array.from({ length: 10 }, async (_, lane) => {
        for (const index of names.filter((n) => n % 10 === lane)) {
          await created(call('POST', '/v1/students', { token: registrar, body: newStudent({ classId: classes[index % 2], name: '大批毕业', enrolledOn: '2020-09' }) }));
        }
      }),
    );
    const started = await post(registrar, 'graduation', { gradeId: `${SCHOOL}-G2020` });
    expect(started.status).toBe(202);
    const { job, seen } = await finished(started.body.jobId);
    expect(job).toMatchObject({ status: 'succeeded', total: 130, done: 130, errors: 0 });
    const done = seen.map((poll) => poll.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    // The plan, then two chunks: three messages.
    const { Item } = await db.send(new GetCommand({ TableName: 'records', Key: { PK: `JOB#${job.jobId}`, SK: 'JOB' }, ConsistentRead: true }));
    expect(Item?.step).toBe(3);
    const graduated = await call<{ items: Student[] }>('GET', `/v1/students?schoolId=${SCHOOL}&grade=${SCHOOL}-G2020&status=graduated&limit=500`, { token: registrar });
    expect(graduated.body.items).toHaveLength(130);
  });

  it('a job is seen by its creator and the organisations above, not by another school', async () => {
    const started = await post(registrar, 'graduation', { gradeId: `${SCHOOL}-G2027` });
    expect(started.status).toBe(202);
    const { job } = await finished(started.body.jobId);
    // A grade without students on roll: nothing to do, done at once.
    expect(job).toMatchObject({ status: 'succeeded', total: 0, done: 0 });
    expect((await call('GET', `/v1/jobs/${job.jobId}`, { token: await login(NEIGHBOUR) })).status).toBe(404);
    expect((await call('GET', `/v1/jobs/${job.jobId}`, { token: await login('tianhe-admin') })).status).toBe(404);
    expect((await call('GET', `/v1/jobs/${job.jobId}`, { token: await login('gz-admin') })).status).toBe(404);
    expect((await call('GET', `/v1/jobs/${job.jobId}`, { token: await login(COUNTY_ADMIN) })).status).toBe(200);
    expect((await call('GET', `/v1/jobs/${job.jobId}`, { token: await login('sz-admin') })).status).toBe(200);
    expect((await call('GET', `/v1/jobs/${job.jobId}`, { token: await login('sheng-admin') })).status).toBe(200);
    expect((await call('GET', '/v1/jobs/no-such-job', { token: registrar })).status).toBe(404);
  });
});
