// Status changes (学籍异动) over HTTP against the local stack: cases filed by the party the chain
// names, steps decided in order by their organisations, the queue opening each next step, and
// the record changed once on the last approval.
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { call, login, type Reply } from '../support/api.ts';
import { newStudent, validIdNumber } from '../support/students.ts';

interface Step {
  role: string;
  orgId: string;
  status: string;
  dueBy?: string;
}
interface Change {
  changeId: string;
  type: string;
  status: string;
  studentId: string;
  currentStep: number;
  steps: Step[];
}
interface Student {
  studentId: string;
  nationalStudentNo: string;
  name: string;
  schoolId: string;
  classId: string;
  status: string;
  version: number;
}
interface ErrorBody {
  error: { code: string; fields: { path: string }[] };
}

const TH_SCHOOL = '2144010601';
const YX_SCHOOL = '2144010401';

async function enrol(overrides: Record<string, unknown> = {}): Promise<Student> {
  const reply = await call<Student>('POST', '/v1/students', { token: await login('registrar-th-shiyan'), body: newStudent({ name: '异动测试', classId: `${TH_SCHOOL}-G2025-C01`, ...overrides }) });
  expect(reply.status).toBe(201);
  return reply.body;
}

async function file(username: string, body: Record<string, unknown>): Promise<Reply<Change & ErrorBody>> {
  return call<Change & ErrorBody>('POST', '/v1/changes', { token: await login(username), body });
}

async function decide(username: string, changeId: string, action: 'approve' | 'reject' | 'cancel', body: Record<string, unknown> = {}): Promise<Reply<Change & ErrorBody>> {
  return call<Change & ErrorBody>('POST', `/v1/changes/${changeId}/${action}`, { token: await login(username), body });
}

/** The queue moves a case on after each approval: wait until it has. */
async function until(username: string, changeId: string, done: (change: Change) => boolean): Promise<Change> {
  const token = await login(username);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const reply = await call<Change>('GET', `/v1/changes/${changeId}`, { token });
    if (reply.status === 200 && done(reply.body)) return reply.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`case ${changeId} did not get there`);
}

/** Approves the current step as `username`, then waits for the queue to open the next step or complete the case. */
async function approveAndWait(username: string, change: Change): Promise<Change> {
  const reply = await decide(username, change.changeId, 'approve', { comment: '同意' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return until(username, change.changeId, (now) => now.currentStep > change.currentStep || now.status !== 'pending');
}

describe('a transfer across counties', () => {
  it('is filed by the receiving school and decided in order: receiving county, sending school, sending county', async () => {
    const student = await enrol();
    const mismatch = await file('registrar-yx-dongfeng', { type: 'transfer', nationalStudentNo: student.nationalStudentNo, name: '别的名字', toClassId: `${YX_SCHOOL}-G2025-C01`, reason: '随父母工作调动' });
    expect(mismatch.status).toBe(404);
    const filed = await file('registrar-yx-dongfeng', { type: 'transfer', nationalStudentNo: student.nationalStudentNo, name: student.name, toClassId: `${YX_SCHOOL}-G2025-C01`, reason: '随父母工作调动' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.steps.map((step) => [step.orgId, step.status])).toEqual([
      ['440104', 'current'],
      [TH_SCHOOL, 'waiting'],
      ['440106', 'waiting'],
    ]);
    expect(filed.body.steps[0]!.dueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const { changeId } = filed.body;

    // Later parties see nothing before their turn, and cannot jump the queue.
    expect((await call('GET', `/v1/changes/${changeId}`, { token: await login('registrar-th-shiyan') })).status).toBe(404);
    expect((await decide('tianhe-admin', changeId, 'approve')).status).toBe(404);
    expect((await file('registrar-th-shiyan', { type: 'leave', studentId: student.studentId, reason: '病休', from: '2026-10-01', until: '2027-01-31' })).body.error.code).toBe('CASE_OPEN');

    let change = await approveAndWait('yuexiu-admin', filed.body);
    expect(change.steps.map((step) => step.status)).toEqual(['approved', 'current', 'waiting']);
    const again = await decide('yuexiu-admin', changeId, 'approve');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('STEP_NOT_CURRENT');

    const tasks = await call<{ items: { changeId: string; overdue: boolean }[]; counts: Record<string, number> }>('GET', '/v1/tasks', { token: await login('registrar-th-shiyan') });
    expect(tasks.body.items.map((task) => task.changeId)).toContain(changeId);
    expect(tasks.body.counts.transfer).toBeGreaterThanOrEqual(1);
    // A teacher of the sending school is not its registrar.
    expect((await decide('teacher-th-shiyan', changeId, 'approve')).status).toBe(404);

    change = await approveAndWait('registrar-th-shiyan', change);
    change = await approveAndWait('tianhe-admin', change);
    expect(change.status).toBe('approved');

    const moved = await call<Student>('GET', `/v1/students/${student.studentId}`, { token: await login('registrar-yx-dongfeng') });
    expect(moved.body).toMatchObject({ schoolId: YX_SCHOOL, classId: `${YX_SCHOOL}-G2025-C01`, status: 'enrolled' });
    expect((await call('GET', `/v1/students/${student.studentId}`, { token: await login('registrar-th-shiyan') })).status).toBe(404);
    const newRoster = await call<{ items: Student[] }>('GET', `/v1/students?classId=${YX_SCHOOL}-G2025-C01&limit=500`, { token: await login('registrar-yx-dongfeng') });
    expect(newRoster.body.items.map((row) => row.studentId)).toContain(student.studentId);
    const oldRoster = await call<{ items: Student[] }>('GET', `/v1/students?classId=${TH_SCHOOL}-G2025-C01&limit=500`, { token: await login('registrar-th-shiyan') });
    expect(oldRoster.body.items.map((row) => row.studentId)).not.toContain(student.studentId);
    const history = await call<{ items: { action: string; changeId?: string; changes: { field: string }[] }[] }>('GET', `/v1/students/${student.studentId}/history`, { token: await login('registrar-yx-dongfeng') });
    expect(history.body.items[0]).toMatchObject({ action: 'change.transfer', changeId });
    expect(history.body.items[0]!.changes.map((entry) => entry.field)).toEqual(expect.arrayContaining(['schoolId', 'classId']));
    // The national number still finds the student, now in its new school.
    const found = await call<{ items: Student[] }>('GET', `/v1/students?q=${student.nationalStudentNo}`, { token: await login('yuexiu-admin') });
    expect(found.body.items.map((row) => row.studentId)).toEqual([student.studentId]);
  });
});

describe('a transfer of a child without household registration', () => {
  it("finds the child through a guardian's ID number and the exact name", async () => {
    const body = newStudent({ name: '无籍测试', classId: `${TH_SCHOOL}-G2025-C01`, gender: '1', birthDate: '2019-05-01', guardianBasis: 'one_parent' });
    delete body.idNumber;
    const enrolled = await call<Student & { guardians: { idNumber: string }[] }>('POST', '/v1/students', { token: await login('registrar-th-shiyan'), body: { ...body, confirmDuplicate: true } });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const guardianIdNumber = enrolled.body.guardians[0]!.idNumber;
    const request = { type: 'transfer', name: '无籍测试', toClassId: `${YX_SCHOOL}-G2025-C01`, reason: '随父母工作调动' };
    expect((await file('registrar-yx-dongfeng', { ...request, guardianIdNumber, name: '别的名字' })).status).toBe(404);
    const filed = await file('registrar-yx-dongfeng', { ...request, guardianIdNumber });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.studentId).toBe(enrolled.body.studentId);
  });
});

describe('leave and return', () => {
  it('changes the status on approval, and back', async () => {
    const student = await enrol();
    const leave = await file('registrar-th-shiyan', { type: 'leave', studentId: student.studentId, reason: '病休', from: '2026-10-01', until: '2027-01-31' });
    expect(leave.status, JSON.stringify(leave.body)).toBe(201);
    expect(leave.body.steps.map((step) => step.orgId)).toEqual(['440106']);
    expect((await file('registrar-th-shiyan', { type: 'dropout', studentId: student.studentId, reason: '辍学', on: '2026-11-01' })).body.error.code).toBe('CASE_OPEN');
    await approveAndWait('tianhe-admin', leave.body);
    expect((await call<Student>('GET', `/v1/students/${student.studentId}`, { token: await login('registrar-th-shiyan') })).body.status).toBe('leave');

    expect((await file('registrar-th-shiyan', { type: 'leave', studentId: student.studentId, reason: '再次', from: '2027-02-01', until: '2027-06-30' })).body.error.code).toBe('STATUS_NOT_ALLOWED');
    const back = await file('registrar-th-shiyan', { type: 'return', studentId: student.studentId, toClassId: `${TH_SCHOOL}-G2025-C02` });
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    await approveAndWait('tianhe-admin', back.body);
    expect((await call<Student>('GET', `/v1/students/${student.studentId}`, { token: await login('registrar-th-shiyan') })).body).toMatchObject({ status: 'enrolled', classId: `${TH_SCHOOL}-G2025-C02` });
  });
});

describe('refusals', () => {
  it('checks the request against the record and the chain', async () => {
    const student = await enrol();
    const badDates = await file('registrar-th-shiyan', { type: 'leave', studentId: student.studentId, reason: '病休', from: '2027-01-31', until: '2026-10-01' });
    expect(badDates.status).toBe(400);
    expect(badDates.body.error.fields.map((field) => field.path)).toEqual(['until']);
    expect((await file('registrar-th-shiyan', { type: 'repeat', studentId: student.studentId, toClassId: `${TH_SCHOOL}-G2024-C01`, reason: '成绩' })).status).toBe(400);
    expect((await file('registrar-th-huajing', { type: 'dropout', studentId: student.studentId, reason: '辍学', on: '2026-11-01' })).status).toBe(404);
    expect((await file('tianhe-admin', { type: 'dropout', studentId: student.studentId, reason: '辍学', on: '2026-11-01' })).status).toBe(403);
    expect((await file('registrar-th-shiyan', { type: 'transfer', nationalStudentNo: student.nationalStudentNo, name: student.name, toClassId: `${TH_SCHOOL}-G2025-C02`, reason: '调班' })).body.error.code).toBe('SAME_SCHOOL');
    expect((await file('registrar-th-shiyan', { type: 'teleport', studentId: student.studentId })).status).toBe(400);
    // A grade correction is the section teacher's to file (test/integration/grades.test.ts), not the registrar's.
    const gradeCorrection = await file('registrar-th-shiyan', { type: 'gradeCorrection', studentId: student.studentId, sectionId: 'S1', score: 90, reason: '登分错误' });
    expect([gradeCorrection.status, gradeCorrection.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });

  it('ends a case on a rejection with a reason, and lets the applicant cancel', async () => {
    const student = await enrol();
    const dropout = await file('registrar-th-shiyan', { type: 'dropout', studentId: student.studentId, reason: '连续四周未到校', on: '2026-11-01' });
    expect(dropout.status).toBe(201);
    expect((await decide('tianhe-admin', dropout.body.changeId, 'reject', {})).status).toBe(400);
    const rejected = await decide('tianhe-admin', dropout.body.changeId, 'reject', { comment: '请先家访核实' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await decide('tianhe-admin', dropout.body.changeId, 'approve')).status).toBe(409);
    expect((await call<Student>('GET', `/v1/students/${student.studentId}`, { token: await login('registrar-th-shiyan') })).body.status).toBe('enrolled');

    const abroad = await file('registrar-th-shiyan', { type: 'abroad', studentId: student.studentId, reason: '随父母出境', on: '2026-12-01' });
    expect(abroad.status).toBe(201);
    const notApplicant = await decide('tianhe-admin', abroad.body.changeId, 'cancel');
    expect(notApplicant.body.error.code).toBe('NOT_APPLICANT');
    const cancelled = await decide('registrar-th-shiyan', abroad.body.changeId, 'cancel');
    expect(cancelled.body.status).toBe('cancelled');
    expect((await decide('registrar-th-shiyan', abroad.body.changeId, 'cancel')).body.error.code).toBe('CASE_CLOSED');
    const listed = await call<{ items: Change[] }>('GET', `/v1/changes?studentId=${student.studentId}`, { token: await login('registrar-th-shiyan') });
    expect(listed.body.items.map((change) => change.status)).toEqual(['cancelled', 'rejected']);
  });
});

describe('exactly once', () => {
  it('lets one of ten simultaneous approvals through, and ignores a step message delivered again', async () => {
    const student = await enrol();
    const rename = await file('registrar-th-shiyan', { type: 'keyFieldChange', studentId: student.studentId, changes: { name: '异动更名' }, reason: '户籍更名' });
    expect(rename.status, JSON.stringify(rename.body)).toBe(201);
    const token = await login('tianhe-admin');
    const replies = await Promise.all(Array.from({ length: 10 }, () => call<ErrorBody>('POST', `/v1/changes/${rename.body.changeId}/approve`, { token, body: {} })));
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
    await until('tianhe-admin', rename.body.changeId, (change) => change.status === 'approved');
    const after = (await call<Student>('GET', `/v1/students/${student.studentId}`, { token: await login('registrar-th-shiyan') })).body;
    expect(after).toMatchObject({ name: '异动更名', version: student.version + 1 });

    // The same step's message again, straight onto the queue: nothing changes.
    const { endpoints } = inject('stack');
    const sqs = new SQSClient({ region: 'us-east-1', endpoint: endpoints.sqs, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { QueueUrl: queueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'changes.fifo' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ changeId: rename.body.changeId, studentId: student.studentId, step: 0, at: new Date().toISOString() }), MessageGroupId: student.studentId, MessageDeduplicationId: `replay-${Date.now()}` }));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const later = (await call<Student>('GET', `/v1/students/${student.studentId}`, { token: await login('registrar-th-shiyan') })).body;
    expect(later.version).toBe(after.version);
    const history = await call<{ items: { action: string }[] }>('GET', `/v1/students/${student.studentId}/history`, { token: await login('registrar-th-shiyan') });
    expect(history.body.items.filter((entry) => entry.action === 'change.keyFieldChange')).toHaveLength(1);
  });
});

describe('every kind', () => {
  const school = (grade: number, klass = 'C01') => `${TH_SCHOOL}-G${grade}-${klass}`;
  const kinds: { request: (studentId: string) => Record<string, unknown>; expect: Partial<Student> }[] = [
    { request: (studentId) => ({ type: 'repeat', studentId, toClassId: school(2026), reason: '成绩' }), expect: { classId: school(2026), status: 'enrolled' } },
    { request: (studentId) => ({ type: 'skip', studentId, toClassId: school(2024), reason: '成绩优异' }), expect: { classId: school(2024), status: 'enrolled' } },
    { request: (studentId) => ({ type: 'majorChange', studentId, toClassId: school(2025, 'C02'), reason: '转专业' }), expect: { classId: school(2025, 'C02'), status: 'enrolled' } },
    { request: (studentId) => ({ type: 'dropout', studentId, reason: '连续四周未到校', on: '2026-11-01' }), expect: { status: 'dropout' } },
    { request: (studentId) => ({ type: 'abroad', studentId, reason: '随父母出境', on: '2026-11-01' }), expect: { status: 'abroad' } },
    { request: (studentId) => ({ type: 'death', studentId, reason: '病故', on: '2026-11-01' }), expect: { status: 'deceased' } },
    { request: (studentId) => ({ type: 'withdraw', studentId, reason: '本人申请', on: '2026-11-01' }), expect: { status: 'withdrawn' } },
    { request: (studentId) => ({ type: 'keyFieldChange', studentId, changes: { name: '改名测试' }, reason: '户籍更名' }), expect: { name: '改名测试' } },
  ];

  it.each(kinds.map((kind) => [kind.request('x').type as string, kind] as const))('%s is carried out on approval and changes nothing on rejection', async (_type, kind) => {
    const [approved, rejected] = [await enrol(), await enrol()];
    const filed = await file('registrar-th-shiyan', kind.request(approved.studentId));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const done = await approveAndWait('tianhe-admin', filed.body);
    expect(done.status).toBe('approved');
    const after = await call<Student>('GET', `/v1/students/${approved.studentId}`, { token: await login('registrar-th-shiyan') });
    expect(after.body).toMatchObject(kind.expect);
    expect(after.body.version).toBe(approved.version + 1);

    const refused = await file('registrar-th-shiyan', kind.request(rejected.studentId));
    expect(refused.status).toBe(201);
    expect((await decide('tianhe-admin', refused.body.changeId, 'reject', { comment: '材料不全' })).body.status).toBe('rejected');
    const untouched = await call<Student>('GET', `/v1/students/${rejected.studentId}`, { token: await login('registrar-th-shiyan') });
    expect(untouched.body).toMatchObject({ version: rejected.version, status: 'enrolled', classId: rejected.classId });
  });

  it('an ID number change goes to the county, then the city, and the G number follows it', async () => {
    const student = await enrol();
    const idNumber = validIdNumber({ gender: (student as unknown as { gender: '1' | '2' }).gender });
    const body = { type: 'keyFieldChange', studentId: student.studentId, changes: { idNumber, birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` }, reason: '身份证号登记错误' };
    const filed = await file('registrar-th-shiyan', body);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.steps.map((step) => [step.orgId, step.role])).toEqual([
      ['440106', 'county_admin'],
      ['440100', 'city_admin'],
    ]);
    const next = await approveAndWait('tianhe-admin', filed.body);
    expect((await decide('tianhe-admin', filed.body.changeId, 'approve')).status).toBe(409);
    const done = await approveAndWait('gz-admin', next);
    expect(done.status).toBe('approved');
    const after = await call<Student & { idNumber: string }>('GET', `/v1/students/${student.studentId}`, { token: await login('registrar-th-shiyan') });
    expect(after.body).toMatchObject({ idNumber, nationalStudentNo: `G${idNumber}` });
    // The new number finds the record; the old one no longer does.
    expect((await call<{ items: Student[] }>('GET', `/v1/students?q=G${idNumber}`, { token: await login('registrar-th-shiyan') })).body.items.map((row) => row.studentId)).toEqual([student.studentId]);
    expect((await call<{ items: Student[] }>('GET', `/v1/students?q=${student.nationalStudentNo}`, { token: await login('registrar-th-shiyan') })).body.items).toEqual([]);
  });
});
