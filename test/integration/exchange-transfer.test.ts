// A transfer across provinces (跨省转学) between two local deployments, each a stack of its own
// with its own province, port and data folder, each the other's exchange peer (local/pair.ts):
// 广东 (440000), which receives, and 江苏 (320000), which sends. Both run the demo organisation
// tree; the student lives in 江苏's deployment. Packets are retried quickly here (1 s, then 2 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '#local/free-port.ts';
import { startDeployment, type DeploymentSpec, type PairedDeployment } from '#local/pair.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { call, login, type Reply } from '../support/api.ts';
import { newStudent } from '../support/students.ts';

interface Step {
  orgId: string;
  orgName: string;
  status: string;
  comment?: string;
  province?: string;
}
interface Change {
  changeId: string;
  studentId: string;
  status: string;
  currentStep: number;
  steps: Step[];
  endReason?: string;
  delivery?: string;
  remote?: { province: string; provinceName: string; side: string; note?: string };
}
interface Student {
  studentId: string;
  nationalStudentNo: string;
  name: string;
  idNumber?: string;
  schoolId: string;
  classId: string;
  status: string;
}
interface ErrorBody {
  error: { code: string; message: string };
}

const GD = '440000';
const JS = '320000';
const SENDING_CLASS = '2144010601-G2025-C01';
const RECEIVING_CLASS = '2144010401-G2025-C01';
// Errors in the stacks' logs, where the give-up alert is looked for.
const RETRY = { EXCHANGE_RETRY_BASE_SECONDS: '1', EXCHANGE_RETRY_MAX_SECONDS: '2', CHECK_RESPONSES: 'true', RATE_LIMIT_LOOKUP: '100000/60', LOG_LEVEL: 'ERROR' };

let gdSpec: DeploymentSpec & { port: number };
let jsSpec: DeploymentSpec & { port: number };
let gd: PairedDeployment;
let js: PairedDeployment;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (done(last)) return last;
    await sleep(250);
  } while (Date.now() < deadline);
  throw new Error(`${what}: not there within ${timeoutMs} ms; last ${JSON.stringify(last)}`);
}

const as = async (side: PairedDeployment, username: string) => ({ url: side.url, token: await login(username, side.url) });

async function enrolAtJs(overrides: Record<string, unknown> = {}): Promise<Student> {
  const reply = await call<Student>('POST', '/v1/students', { ...(await as(js, 'registrar-th-shiyan')), body: newStudent({ name: '跨省转学', classId: SENDING_CLASS, ...overrides }) });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function fileAtGd(student: Pick<Student, 'nationalStudentNo' | 'name'>): Promise<Reply<Change & ErrorBody>> {
  return call<Change & ErrorBody>('POST', '/v1/changes', {
    ...(await as(gd, 'registrar-yx-dongfeng')),
    body: { type: 'transfer', fromProvince: JS, nationalStudentNo: student.nationalStudentNo, name: student.name, toClassId: RECEIVING_CLASS, reason: '随父母工作调动' },
  });
}

const caseAt = async (side: PairedDeployment, username: string, changeId: string) => call<Change>('GET', `/v1/changes/${changeId}`, await as(side, username));

async function decide(side: PairedDeployment, username: string, changeId: string, action: 'approve' | 'reject' | 'cancel', comment = '同意'): Promise<Reply<Change & ErrorBody>> {
  return call<Change & ErrorBody>('POST', `/v1/changes/${changeId}/${action}`, { ...(await as(side, username)), body: { comment } });
}

/** The sending side's case for the student, once its request has arrived (the sending school's inbox). */
async function jsCaseFor(studentId: string): Promise<Change> {
  const found = await eventually(
    'the case at the sending side',
    async () => (await call<{ items: Change[] }>('GET', `/v1/changes?studentId=${studentId}`, await as(js, 'registrar-th-shiyan'))).body.items,
    (items) => items.some((item) => item.status === 'pending'),
  );
  return found.find((item) => item.status === 'pending')!;
}

/** 广东's county approves: the request goes to 江苏. */
async function receivingCountyApproves(changeId: string): Promise<void> {
  const approved = await decide(gd, 'yuexiu-admin', changeId, 'approve');
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
}

function records(side: PairedDeployment) {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: side.stack.endpoints.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
}

beforeAll(async () => {
  gdSpec = { province: GD, dataDir: mkdtempSync(join(tmpdir(), 'xueji-gd-')), port: await freePort() };
  jsSpec = { province: JS, dataDir: mkdtempSync(join(tmpdir(), 'xueji-js-')), port: await freePort() };
  [gd, js] = await Promise.all([startDeployment(gdSpec, jsSpec, { env: RETRY, seedStudents: 0 }), startDeployment(jsSpec, gdSpec, { env: RETRY, seedStudents: 0 })]);
});

afterAll(async () => {
  await Promise.all([gd?.stack.stop(), js?.stack.stop()]);
  for (const spec of [gdSpec, jsSpec]) if (spec) rmSync(spec.dataDir, { recursive: true, force: true, maxRetries: 3 });
});

describe('a transfer from another province', () => {
  it('completes: the record moves under the same national number, with its history; the old school keeps it as transferred out', async () => {
    const student = await enrolAtJs();
    const filed = await fileAtGd(student);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // Both sides' steps: the receiving county here, the sending side's under 江苏's name.
    expect(filed.body.steps.map((step) => [step.orgName, step.status, step.province ?? null])).toEqual([
      ['越秀区', 'current', null],
      ['江苏省 转出学校', 'waiting', JS],
      ['江苏省 转出地教育局', 'waiting', JS],
    ]);
    expect(filed.body.remote).toMatchObject({ province: JS, provinceName: '江苏省', side: 'receiving' });
    const { changeId } = filed.body;

    await receivingCountyApproves(changeId);
    const sent = await eventually('the request delivered', () => caseAt(gd, 'registrar-yx-dongfeng', changeId), (reply) => reply.body.delivery === 'delivered');
    expect(sent.body.steps[1]).toMatchObject({ status: 'current', province: JS });
    expect(sent.body.remote?.note).toBe('已送达对方省份，等待对方办理');

    // 江苏: a case like any other, in the sending school's inbox, then the county's.
    const jsCase = await jsCaseFor(student.studentId);
    expect(jsCase.remote).toMatchObject({ province: GD, side: 'sending' });
    expect(jsCase.steps.map((step) => [step.orgId, step.status, step.province ?? null])).toEqual([
      ['440104', 'approved', GD],
      ['2144010601', 'current', null],
      ['440106', 'waiting', null],
      ['2144010401', 'waiting', GD],
    ]);
    const inbox = await call<{ items: { changeId: string }[] }>('GET', '/v1/tasks', await as(js, 'registrar-th-shiyan'));
    expect(inbox.body.items.map((task) => task.changeId)).toContain(jsCase.changeId);
    expect((await decide(js, 'registrar-th-shiyan', jsCase.changeId, 'approve')).status).toBe(200);
    await eventually('the sending county’s turn', () => caseAt(js, 'tianhe-admin', jsCase.changeId), (reply) => reply.status === 200 && reply.body.currentStep === 2);
    expect((await decide(js, 'tianhe-admin', jsCase.changeId, 'approve')).status).toBe(200);

    // 广东: the record, in the class asked for, under the same national number.
    const done = await eventually('the receiving case completed', () => caseAt(gd, 'registrar-yx-dongfeng', changeId), (reply) => reply.body.status !== 'pending');
    expect(done.body.status).toBe('approved');
    expect(done.body.steps.map((step) => [step.orgId, step.status])).toEqual([
      ['440104', 'approved'],
      ['2144010601', 'approved'],
      ['440106', 'approved'],
    ]);
    const moved = await call<Student>('GET', `/v1/students/${done.body.studentId}`, await as(gd, 'registrar-yx-dongfeng'));
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ nationalStudentNo: student.nationalStudentNo, name: student.name, idNumber: student.idNumber, classId: RECEIVING_CLASS, schoolId: '2144010401', status: 'enrolled' });
    const history = await call<{ items: { action: string; changeId?: string; actor: { displayName: string } }[] }>('GET', `/v1/students/${done.body.studentId}/history`, await as(gd, 'registrar-yx-dongfeng'));
    expect(history.body.items[0]).toMatchObject({ action: 'change.transfer', changeId });
    // The sending side's history came along (its enrolment), under 江苏's name, without its people.
    const enrolment = history.body.items.find((entry) => entry.action === 'enrol');
    expect(enrolment?.actor.displayName).toContain('江苏省');

    // 江苏: the record stays at the old school, transferred out, visible there.
    const jsDone = await eventually('the sending case completed', () => caseAt(js, 'registrar-th-shiyan', jsCase.changeId), (reply) => reply.body.status !== 'pending');
    expect(jsDone.body.status).toBe('approved');
    const old = await call<Student>('GET', `/v1/students/${student.studentId}`, await as(js, 'registrar-th-shiyan'));
    expect(old.body).toMatchObject({ status: 'transferred', schoolId: '2144010601', classId: SENDING_CLASS });
    const outList = await call<{ items: Student[] }>('GET', `/v1/students?classId=${SENDING_CLASS}&status=transferred&limit=500`, await as(js, 'registrar-th-shiyan'));
    expect(outList.body.items.map((row) => row.studentId)).toContain(student.studentId);
    const roster = await call<{ items: Student[] }>('GET', `/v1/students?classId=${SENDING_CLASS}&limit=500`, await as(js, 'registrar-th-shiyan'));
    expect(roster.body.items.map((row) => row.studentId)).not.toContain(student.studentId);
    const jsHistory = await call<{ items: { action: string; reason?: string; changes: { field: string; new: unknown }[] }[] }>('GET', `/v1/students/${student.studentId}/history`, await as(js, 'registrar-th-shiyan'));
    expect(jsHistory.body.items[0]).toMatchObject({ action: 'change.transfer', changes: [{ field: 'status', new: 'transferred' }] });
    expect(jsHistory.body.items[0]!.reason).toContain('广东省');
    // The confirmation reached 江苏.
    await eventually('the confirmation delivered', () => caseAt(gd, 'registrar-yx-dongfeng', changeId), (reply) => reply.body.delivery === 'delivered');

    // A replayed packet has no second effect: 广东's release from 江苏 delivered again answers the same receipt, and nothing changes.
    const gdItem = (await records(js).send(new GetCommand({ TableName: RECORDS_TABLE, Key: { PK: `CHANGE#${jsCase.changeId}`, SK: 'CASE' } }))).Item as { delivery: { packetId: string } };
    const inboxItem = (await records(gd).send(new GetCommand({ TableName: RECORDS_TABLE, Key: { PK: `EXCHANGEIN#${gdItem.delivery.packetId}`, SK: 'PACKET' } }))).Item as { packet: string; receipt: string };
    expect(inboxItem.packet).toBeTruthy();
    const replay = await call<{ receipt: string }>('POST', '/v1/exchange/packets', { url: gd.url, body: { packet: inboxItem.packet } });
    expect(replay.status).toBe(202);
    expect(replay.body.receipt).toBe(inboxItem.receipt);
    await sleep(1500);
    const again = await call<{ items: Student[] }>('GET', `/v1/students?q=${student.nationalStudentNo}`, await as(gd, 'yuexiu-admin'));
    expect(again.body.items).toHaveLength(1);
    const historyAgain = await call<{ items: unknown[] }>('GET', `/v1/students/${done.body.studentId}/history`, await as(gd, 'registrar-yx-dongfeng'));
    expect(historyAgain.body.items).toHaveLength(history.body.items.length);
  });

  it('ends both cases when the sending side rejects, with its reason', async () => {
    const student = await enrolAtJs();
    const filed = await fileAtGd(student);
    await receivingCountyApproves(filed.body.changeId);
    const jsCase = await jsCaseFor(student.studentId);
    const rejected = await decide(js, 'registrar-th-shiyan', jsCase.changeId, 'reject', '该生本学期未办理离校手续');
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    const gdCase = await eventually('the receiving case ended', () => caseAt(gd, 'registrar-yx-dongfeng', filed.body.changeId), (reply) => reply.body.status !== 'pending');
    expect(gdCase.body).toMatchObject({ status: 'rejected', endReason: '该生本学期未办理离校手续' });
    expect(gdCase.body.steps.find((step) => step.status === 'rejected')).toMatchObject({ orgId: '2144010601', comment: '该生本学期未办理离校手续', province: JS });
    // The record stays where it was, enrolled.
    const kept = await call<Student>('GET', `/v1/students/${student.studentId}`, await as(js, 'registrar-th-shiyan'));
    expect(kept.body.status).toBe('enrolled');
    await eventually('the rejection delivered', () => caseAt(js, 'registrar-th-shiyan', jsCase.changeId), (reply) => reply.body.delivery === 'delivered');
  });

  it('ends the case when the sending side finds no such student (a name that differs)', async () => {
    const student = await enrolAtJs();
    const filed = await fileAtGd({ ...student, name: '跨省转学错' });
    expect(filed.status).toBe(201);
    await receivingCountyApproves(filed.body.changeId);
    const gdCase = await eventually('the receiving case ended', () => caseAt(gd, 'registrar-yx-dongfeng', filed.body.changeId), (reply) => reply.body.status !== 'pending');
    expect(gdCase.body.status).toBe('rejected');
    expect(gdCase.body.endReason).toMatch(/未找到该学生/);
    expect(gdCase.body.steps.map((step) => step.status)).toEqual(['approved', 'rejected', 'skipped']);
  });

  it('ends both cases when the receiving side refuses the record: its ID number was enrolled here meanwhile', async () => {
    const student = await enrolAtJs();
    const filed = await fileAtGd(student);
    await receivingCountyApproves(filed.body.changeId);
    const jsCase = await jsCaseFor(student.studentId);
    // Meanwhile a school here enrols the same child (same ID number): one person, one record.
    const body = newStudent({ name: student.name, idNumber: student.idNumber, classId: '2144010601-G2025-C02' });
    const enrolledHere = await call<Student>('POST', '/v1/students', { ...(await as(gd, 'registrar-th-shiyan')), body });
    expect(enrolledHere.status, JSON.stringify(enrolledHere.body)).toBe(201);
    expect((await decide(js, 'registrar-th-shiyan', jsCase.changeId, 'approve')).status).toBe(200);
    await eventually('the sending county’s turn', () => caseAt(js, 'tianhe-admin', jsCase.changeId), (reply) => reply.status === 200 && reply.body.currentStep === 2);
    expect((await decide(js, 'tianhe-admin', jsCase.changeId, 'approve')).status).toBe(200);

    const gdCase = await eventually('the receiving case ended', () => caseAt(gd, 'registrar-yx-dongfeng', filed.body.changeId), (reply) => reply.body.status !== 'pending');
    expect(gdCase.body.status).toBe('rejected');
    expect(gdCase.body.endReason).toMatch(/身份证件号已在本省注册学籍.*广州市天河区第一实验小学.*转入未执行/);
    const jsEnded = await eventually('the sending case ended', () => caseAt(js, 'registrar-th-shiyan', jsCase.changeId), (reply) => reply.body.status !== 'pending');
    expect(jsEnded.body.status).toBe('rejected');
    expect(jsEnded.body.endReason).toBe(gdCase.body.endReason);
    expect(jsEnded.body.steps.at(-1)).toMatchObject({ status: 'rejected', province: GD });
    expect((await call<Student>('GET', `/v1/students/${student.studentId}`, await as(js, 'registrar-th-shiyan'))).body.status).toBe('enrolled');
    // Only the record enrolled here has that ID number.
    const here = await call<{ items: Student[] }>('GET', `/v1/students?q=${student.idNumber}`, await as(gd, 'sheng-admin'));
    expect(here.body.items.map((row) => row.studentId)).toEqual([enrolledHere.body.studentId]);
  });

  it('refuses at once a transfer of a student whose ID number already has a record here, saying so', async () => {
    const student = await enrolAtJs();
    const body = newStudent({ name: student.name, idNumber: student.idNumber, classId: '2144010601-G2025-C02' });
    expect((await call('POST', '/v1/students', { ...(await as(gd, 'registrar-th-shiyan')), body })).status).toBe(201);
    const filed = await fileAtGd(student);
    expect(filed.status).toBe(409);
    expect(filed.body.error.code).toBe('ALREADY_ENROLLED');
    expect(filed.body.error.message).toMatch(/本省已有学籍/);
    const unknownPeer = await call<ErrorBody>('POST', '/v1/changes', {
      ...(await as(gd, 'registrar-yx-dongfeng')),
      body: { type: 'transfer', fromProvince: '110000', nationalStudentNo: student.nationalStudentNo, name: student.name, toClassId: RECEIVING_CLASS, reason: '随父母工作调动' },
    });
    expect(unknownPeer.status).toBe(422);
    expect(unknownPeer.body.error).toMatchObject({ code: 'PEER_NOT_CONFIGURED' });
  });

  it('waits while the sending deployment is down (等待对方省份响应), and is delivered when it starts again', async () => {
    const student = await enrolAtJs();
    const filed = await fileAtGd(student);
    await js.stack.stop();
    try {
      await receivingCountyApproves(filed.body.changeId);
      const waiting = await eventually('the case waiting on 江苏', () => caseAt(gd, 'registrar-yx-dongfeng', filed.body.changeId), (reply) => reply.body.remote?.note === '等待对方省份响应');
      expect(waiting.body.delivery).toBe('pending');
      expect(waiting.body.status).toBe('pending');
      await sleep(3000);
      expect((await caseAt(gd, 'registrar-yx-dongfeng', filed.body.changeId)).body.delivery).toBe('pending');
    } finally {
      js = await startDeployment(jsSpec, gdSpec, { env: RETRY, seedStudents: 0 });
    }
    await eventually('the request delivered after the restart', () => caseAt(gd, 'registrar-yx-dongfeng', filed.body.changeId), (reply) => reply.body.delivery === 'delivered', 60_000);
    const jsCase = await jsCaseFor(student.studentId);
    expect(jsCase.steps[1]).toMatchObject({ orgId: '2144010601', status: 'current' });
  });

  it('withdraws the sending side’s case when the receiving school cancels after its request went out', async () => {
    const student = await enrolAtJs();
    const filed = await fileAtGd(student);
    await receivingCountyApproves(filed.body.changeId);
    const jsCase = await jsCaseFor(student.studentId);
    const cancelled = await decide(gd, 'registrar-yx-dongfeng', filed.body.changeId, 'cancel', '家长改变主意');
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const jsEnded = await eventually('the sending case withdrawn', () => caseAt(js, 'registrar-th-shiyan', jsCase.changeId), (reply) => reply.body.status !== 'pending');
    expect(jsEnded.body).toMatchObject({ status: 'cancelled', endReason: '转入学校已撤销申请：家长改变主意' });
    const inbox = await call<{ items: { changeId: string }[] }>('GET', '/v1/tasks', await as(js, 'registrar-th-shiyan'));
    expect(inbox.body.items.map((task) => task.changeId)).not.toContain(jsCase.changeId);
  });
});

describe('delivery that gives up', () => {
  it('lands a packet to a peer that never answers in the dead-letter queue, the case saying it failed', async () => {
    // 江苏 stops for good in this test: its packets have nowhere to go after the retry window (30 receives, 1–2 s apart here).
    const student = await enrolAtJs();
    const filed = await fileAtGd(student);
    await js.stack.stop();
    await receivingCountyApproves(filed.body.changeId);
    const failed = await eventually('the packet given up', () => caseAt(gd, 'registrar-yx-dongfeng', filed.body.changeId), (reply) => reply.body.delivery === 'failed', 150_000);
    expect(failed.body.status).toBe('pending');
    expect(failed.body.remote?.note).toMatch(/死信队列/);
    const sqs = new SQSClient({ region: 'us-east-1', endpoint: gd.stack.endpoints.sqs, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'exchange-dlq' }));
    const url = new URL(new URL(QueueUrl!).pathname, gd.stack.endpoints.sqs).href;
    await eventually(
      'the message in the dead-letter queue',
      async () => Number((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages ?? 0),
      (count) => count >= 1,
      30_000,
    );
    expect(gd.stack.output()).toContain('EXCHANGE_DELIVERY_FAILED');
  }, 240_000);
});
