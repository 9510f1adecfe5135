// Organisation exports, the export list and export schedules over HTTP against the local stack: a
// class's roster (学生名册) as XLSX and CSV, in full for the registrar and masked for the class's
// advisor; a county's statistics (统计表); `GET /v1/exports` listing them newest first with fresh
// links; schedules (定时导出) made, refused when their rule is wrong, run by hand through the local
// route and on time by the scheduler's minute, each run landing in the list, and deleted. The grade,
// class and students are this file's own.
import { randomInt } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand, DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { jobEnded, type Job } from '../support/jobs.ts';
import { baseUrl, call, login } from '../support/api.ts';
import { newStudent, validIdNumber } from '../support/students.ts';

interface ExportItem {
  exportId: string;
  kind: string;
  format: string;
  orgId: string;
  createdBy: string;
  scheduleId?: string;
  status: string;
  errors: number;
  url: string | null;
}
interface Schedule {
  scheduleId: string;
  kind: string;
  orgId: string;
  format: string;
  cron: string;
  nextRunAt: string;
  lastRun?: { at: string; jobId?: string; error?: string };
}
interface ErrorBody {
  error: { code: string; message: string; fields: { path: string; code: string; message: string }[] };
}

const SCHOOL = '2144010601';
const NAMES = ['周𠮷祥', '吴淞', '郑凇'];

let registrar: string;
let county: string;
let otherCounty: string;
let teacher: string;
let classId: string;
const students: { studentId: string; idNumber: string; nationalStudentNo: string }[] = [];

const db = () => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: inject('stack').endpoints.dynamodb }));

const finished = (jobId: string, token: string): Promise<Job> => jobEnded(jobId, token);

async function exported(token: string, body: Record<string, unknown>): Promise<Job> {
  const started = await call<Job & ErrorBody>('POST', '/v1/exports', { token, body });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const job = await finished(started.body.jobId, token);
  expect(job, JSON.stringify(job)).toMatchObject({ status: 'succeeded', errors: 0 });
  return job;
}

const bytesOf = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());

async function sheetOf(url: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await bytesOf(url)) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** The numbered rows under the 序号 header, as text. */
function numberedRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  let header: number | undefined;
  sheet.eachRow((row, number) => {
    if (row.getCell(1).value === '序号') header = number;
    else if (header !== undefined && typeof row.getCell(1).value === 'number') rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? '')));
  });
  return rows;
}

async function listed(token: string, orgId: string): Promise<ExportItem[]> {
  const reply = await call<{ items: ExportItem[]; nextCursor: string | null }>('GET', `/v1/exports?orgId=${orgId}&limit=50`, { token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items;
}

beforeAll(async () => {
  [registrar, county, otherCounty, teacher] = await Promise.all([login('registrar-th-shiyan'), login('tianhe-admin'), login('yuexiu-admin'), login('teacher-th-shiyan')]);
  // A class of its own in the second grade (other suites add random classes there too: a taken number is tried again).
  for (let attempt = 0; !classId; attempt += 1) {
    const number = randomInt(10, 100);
    const klass = await call<{ orgId: string }>('POST', `/v1/orgs/${SCHOOL}-G2025/children`, { token: registrar, body: { code: String(number), name: `二年级(${number})班` } });
    if (klass.status === 201) classId = klass.body.orgId;
    else expect(klass.status === 409 && attempt < 5, JSON.stringify(klass.body)).toBe(true);
  }
  for (const [index, name] of NAMES.entries()) {
    const idNumber = validIdNumber({ region: '440106' });
    const enrolled = await call<{ studentId: string; nationalStudentNo: string }>('POST', '/v1/students', { token: registrar, body: newStudent({ name, idNumber, classId, classSeatNo: String(index + 1) }) });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    students.push({ studentId: enrolled.body.studentId, idNumber, nationalStudentNo: enrolled.body.nationalStudentNo });
  }
});

describe('a roster (学生名册)', () => {
  it('of a class, as XLSX for its registrar: every student on roll in seat order, ID numbers in full, rare characters kept', async () => {
    const job = await exported(registrar, { kind: 'roster', orgId: classId, format: 'xlsx' });
    expect(job.orgId).toBe(classId);
    const sheet = await sheetOf(job.resultUrl!);
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/班学生名册$/);
    const rows = numberedRows(sheet);
    expect(rows.map((row) => row[4])).toEqual(NAMES);
    expect(rows.map((row) => row[9])).toEqual(students.map((student) => student.idNumber));
    expect(rows.map((row) => row[10])).toEqual(students.map((student) => student.nationalStudentNo));
  });

  it('as CSV: UTF-8 with a byte-order mark, a header and a line per student', async () => {
    const job = await exported(registrar, { kind: 'roster', orgId: classId, format: 'csv' });
    const bytes = await bytesOf(job.resultUrl!);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['序号', '年级', '班级', '班内学号', '姓名']);
    expect(lines).toHaveLength(NAMES.length + 1);
    expect(lines[1]).toContain('周𠮷祥');
  });

  it('of the advisor’s own class, with ID numbers and G numbers masked; another class is refused', async () => {
    const advisor = await login('advisor-th-shiyan');
    const own = `${SCHOOL}-G2026-C01`;
    const job = await exported(advisor, { kind: 'roster', orgId: own, format: 'xlsx' });
    const rows = numberedRows(await sheetOf(job.resultUrl!));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // A resident ID keeps its region and last four; other documents (a passport) keep less, and are masked all the same.
      if (row[9]?.length === 18) expect(row[9]).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      else if (row[9]) expect(row[9]).toContain('**');
      if (row[10]!.startsWith('G')) expect(row[10]).toMatch(/^G\d{6}\*{8}[\dX]{4}$/);
    }
    expect((await call('POST', '/v1/exports', { token: advisor, body: { kind: 'roster', orgId: classId, format: 'xlsx' } })).status).toBe(403);
  });

  it('is refused in words: a teacher (403), another county (403, as for reading the class), a school-wide photo archive (422), a PDF of photos (400)', async () => {
    const byTeacher = await call<ErrorBody>('POST', '/v1/exports', { token: teacher, body: { kind: 'roster', orgId: classId, format: 'xlsx' } });
    expect(byTeacher.status).toBe(403);
    expect(byTeacher.body.error.message).toContain('学生名册');
    expect((await call('POST', '/v1/exports', { token: otherCounty, body: { kind: 'roster', orgId: classId, format: 'xlsx' } })).status).toBe(403);
    const wrongKind = await call<ErrorBody>('POST', '/v1/exports', { token: registrar, body: { kind: 'photos', orgId: SCHOOL, format: 'zip' } });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.error.fields[0]).toMatchObject({ path: 'orgId', code: 'org_kind' });
    const wrongFormat = await call<ErrorBody>('POST', '/v1/exports', { token: registrar, body: { kind: 'photos', orgId: classId, format: 'pdf' } });
    expect([400, 422]).toContain(wrongFormat.status);
  });
});

describe('statistics (统计表)', () => {
  it('of a county as XLSX: the counters GET /v1/stats reads, and its schools', async () => {
    const stats = await call<{ counts: { students: number } }>('GET', '/v1/stats?orgId=440106', { token: county });
    const job = await exported(county, { kind: 'statistics', orgId: '440106', format: 'xlsx' });
    const sheet = await sheetOf(job.resultUrl!);
    const facts: Record<string, unknown> = {};
    sheet.eachRow((row) => {
      const label = row.getCell(1).value;
      if (typeof label === 'string' && !(label in facts)) facts[label] = row.getCell(2).value;
    });
    expect(facts['单位']).toBe('天河区');
    // Counted from the stream: it may have moved on by a student or two of other suites since.
    expect(Math.abs(Number(facts['在籍学生']) - stats.body.counts.students)).toBeLessThan(50);
    let schools = 0;
    sheet.eachRow((row) => {
      if (String(row.getCell(1).value).includes('第一实验小学')) schools += 1;
    });
    expect(schools).toBe(1);
  });
});

describe('the export list', () => {
  it('lists an organisation’s exports newest first, each with a fresh link, to those who may make them', async () => {
    const first = await exported(registrar, { kind: 'roster', orgId: classId, format: 'pdf' });
    const second = await exported(registrar, { kind: 'roster', orgId: classId, format: 'xlsx' });
    const items = await listed(registrar, classId);
    const ids = items.map((item) => item.exportId);
    expect(ids.indexOf(second.jobId)).toBeLessThan(ids.indexOf(first.jobId));
    const item = items.find((each) => each.exportId === second.jobId)!;
    expect(item).toMatchObject({ kind: 'roster', format: 'xlsx', orgId: classId, status: 'succeeded', errors: 0 });
    expect(new URL(item.url!).searchParams.get('X-Amz-Expires')).toBe('300');
    expect((await fetch(item.url!)).status).toBe(200);
    // The county above sees them too; another county is refused the organisation; a teacher sees none.
    expect((await listed(county, classId)).map((each) => each.exportId)).toContain(second.jobId);
    expect((await call('GET', `/v1/exports?orgId=${classId}`, { token: otherCounty })).status).toBe(403);
    expect((await call<{ items: ExportItem[] }>('GET', `/v1/exports?orgId=${classId}`, { token: teacher })).body.items).toEqual([]);
  });
});

describe('export schedules (定时导出)', () => {
  it('refuses a rule that is not five fields or runs every minute, in words', async () => {
    for (const cron of ['0 7 * *', '* 7 * * *', '0 25 * * *']) {
      const reply = await call<ErrorBody>('POST', '/v1/export-schedules', { token: registrar, body: { kind: 'roster', orgId: classId, format: 'xlsx', cron } });
      expect(reply.status, cron).toBe(422);
      expect(reply.body.error.fields[0]?.path).toBe('cron');
      expect(reply.body.error.message).toMatch(/定时规则|分/);
    }
    expect((await call('POST', '/v1/export-schedules', { token: teacher, body: { kind: 'roster', orgId: classId, format: 'xlsx', cron: '0 7 * * 1' } })).status).toBe(403);
  });

  it('runs by hand through the local route and on time by the scheduler, each run in the export list; then is deleted', async () => {
    const created = await call<Schedule>('POST', '/v1/export-schedules', { token: registrar, body: { kind: 'roster', orgId: classId, format: 'csv', cron: '0 7 * * 1' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const schedule = created.body;
    // Mondays at 7:00 in China are Sundays at 23:00 UTC.
    expect(new Date(schedule.nextRunAt).getUTCDay()).toBe(0);
    expect(new Date(schedule.nextRunAt).getUTCHours()).toBe(23);
    const schedules = await call<{ items: Schedule[] }>('GET', `/v1/export-schedules?orgId=${classId}`, { token: registrar });
    expect(schedules.body.items.map((each) => each.scheduleId)).toContain(schedule.scheduleId);

    // By hand: a run now, its time kept.
    const run = await fetch(`${baseUrl()}/local/schedules/${schedule.scheduleId}/run`, { method: 'POST' });
    expect(run.status, await run.clone().text()).toBe(200);
    const afterHand = (await call<Schedule>('GET', `/v1/export-schedules?orgId=${classId}`, { token: registrar })).body as unknown as { items: Schedule[] };
    const handRun = afterHand.items.find((each) => each.scheduleId === schedule.scheduleId)!;
    expect(handRun.nextRunAt).toBe(schedule.nextRunAt);
    expect(handRun.lastRun?.jobId).toBeDefined();
    await finished(handRun.lastRun!.jobId!, registrar);
    expect((await fetch(`${baseUrl()}/local/schedules/nonexistent-schedule/run`, { method: 'POST' })).status).toBe(404);

    // On time: made due a minute ago (as if the time had come), the scheduler's minute starts it once and moves it on.
    const records = db();
    const dueAt = new Date(Date.now() - 60_000).toISOString();
    await records.send(new DeleteCommand({ TableName: 'records', Key: { PK: 'EXPORTSCHEDULES#DUE', SK: `${schedule.nextRunAt}#${schedule.scheduleId}` } }));
    await records.send(new PutCommand({ TableName: 'records', Item: { PK: 'EXPORTSCHEDULES#DUE', SK: `${dueAt}#${schedule.scheduleId}`, itemType: 'exportScheduleDue', scheduleId: schedule.scheduleId } }));
    await records.send(new UpdateCommand({ TableName: 'records', Key: { PK: `EXPORTSCHEDULE#${schedule.scheduleId}`, SK: 'SCHEDULE' }, UpdateExpression: 'SET nextRunAt = :due', ExpressionAttributeValues: { ':due': dueAt } }));
    const minutes = await Promise.all([1, 2].map(() => fetch(`${baseUrl()}/local/schedules/ChangeTimers/run?job=outbox`, { method: 'POST' })));
    expect(minutes.map((reply) => reply.status)).toEqual([200, 200]);
    const { Item } = await records.send(new GetCommand({ TableName: 'records', Key: { PK: `EXPORTSCHEDULE#${schedule.scheduleId}`, SK: 'SCHEDULE' }, ConsistentRead: true }));
    expect(Item!.nextRunAt > new Date().toISOString()).toBe(true);
    expect(Item!.lastRun.jobId).not.toBe(handRun.lastRun!.jobId);
    await finished(Item!.lastRun.jobId as string, registrar);

    const runs = (await listed(registrar, classId)).filter((item) => item.scheduleId === schedule.scheduleId);
    // Two runs (two scheduler minutes raced over the due one: it ran once), both with their files.
    expect(runs).toHaveLength(2);
    for (const item of runs) {
      expect(item).toMatchObject({ kind: 'roster', format: 'csv', status: 'succeeded' });
      expect((await fetch(item.url!)).status).toBe(200);
    }

    expect((await call('DELETE', `/v1/export-schedules/${schedule.scheduleId}`, { token: otherCounty })).status).toBe(404);
    expect((await call('GET', `/v1/export-schedules?orgId=${classId}`, { token: otherCounty })).status).toBe(403);
    expect((await call('DELETE', `/v1/export-schedules/${schedule.scheduleId}`, { token: registrar })).status).toBe(200);
    const left = await call<{ items: Schedule[] }>('GET', `/v1/export-schedules?orgId=${classId}`, { token: registrar });
    expect(left.body.items.map((each) => each.scheduleId)).not.toContain(schedule.scheduleId);
    expect((await call('DELETE', `/v1/export-schedules/${schedule.scheduleId}`, { token: registrar })).status).toBe(404);
    // Its files stay listed until they expire.
    expect((await listed(registrar, classId)).filter((item) => item.scheduleId === schedule.scheduleId)).toHaveLength(2);
  });
});
