// Exports over HTTP against the local stack: a grade sheet (登分表) and a transcript (成绩单)
// requested with POST /v1/exports answer 202 with a job, which the exports function works through;
// the finished job, read by someone who may have the file, gives a download link valid five
// minutes that is made at each read and never stored. The files are read back: the workbook with
// exceljs (the same numbers as the sheet's JSON), the PDF with pdfjs (the students' Chinese names as
// text, page 1 drawn into test-results/screenshots/export-grade-sheet.png). Who may export what,
// and bad requests, are refused. The section, its class and its students are this file's own.
import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { jobEnded, type Job } from '../support/jobs.ts';
import { call, login } from '../support/api.ts';
import { pdfPagePng, pdfText } from '../support/pdf.ts';
import { newStudent } from '../support/students.ts';

interface ErrorBody {
  error: { code: string; fields: { path: string; code: string }[] };
}
interface SheetGrade {
  studentId: string;
  name: string;
  score?: number;
  mark?: string;
  passed: boolean;
}

const SCHOOL = '2144010601';
const year = 2100 + randomInt(800);
const TERM = `${year}-${year + 1}-1`;
// Names the way the roster has them: 淞 and 凇 are two names.
const NAMES = ['赵一鸣', '钱淞', '孙凇然'];
const COURSE = '数据结构与算法';
const MARK_LABEL: Record<string, string> = { absent: '缺考', exempt: '免考', cheating: '作弊' };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let registrar: string;
let teacher: string;
let sectionId: string;
let classId: string;
let students: { studentId: string; name: string; nationalStudentNo: string }[];

const request = (token: string, body: unknown, headers: Record<string, string> = {}) => call<Job & ErrorBody>('POST', '/v1/exports', { token, body, headers });

/** Polls the job until it has ended. */
const finished = (jobId: string, token: string): Promise<Job> => jobEnded(jobId, token);

/** Requests an export and waits for its file. */
async function exported(token: string, body: Record<string, unknown>): Promise<Job> {
  const started = await request(token, body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const job = await finished(started.body.jobId, token);
  expect(job, JSON.stringify(job)).toMatchObject({ kind: 'export', status: 'succeeded', total: 1, done: 1, errors: 0 });
  return job;
}

async function download(url: string): Promise<{ response: Response; bytes: Uint8Array }> {
  const response = await fetch(url);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** The rows under the header row that starts with 序号, as long as they are numbered. */
function tableRows(sheet: ExcelJS.Worksheet, columns: number): unknown[][] {
  let header = 0;
  sheet.eachRow((row, number) => {
    if (!header && row.getCell(1).value === '序号') header = number;
  });
  const rows: unknown[][] = [];
  for (let number = header + 1; typeof sheet.getRow(number).getCell(1).value === 'number'; number += 1) {
    rows.push(Array.from({ length: columns }, (_, index) => sheet.getRow(number).getCell(index + 1).value));
  }
  return rows;
}

/** The fact rows (label in column A, value in B). */
function facts(sheet: ExcelJS.Worksheet): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  sheet.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string' && row.getCell(2).value !== null) found[label] = row.getCell(2).value;
  });
  return found;
}

beforeAll(async () => {
  registrar = await login('registrar-th-shiyan');
  teacher = await login('teacher-th-shiyan');
  // A class of its own in the third grade (other suites add random classes there too: a taken number is tried again).
  for (let attempt = 0; !classId; attempt += 1) {
    const number = randomInt(10, 100);
    const klass = await call<{ orgId: string }>('POST', `/v1/orgs/${SCHOOL}-G2024/children`, { token: registrar, body: { code: String(number), name: `三年级(${number})班` } });
    if (klass.status === 201) classId = klass.body.orgId;
    else expect(klass.status === 409 && attempt < 5, JSON.stringify(klass.body)).toBe(true);
  }
  students = [];
  for (const [index, name] of NAMES.entries()) {
    const enrolled = await call<{ studentId: string; name: string; nationalStudentNo: string }>('POST', '/v1/students', { token: registrar, body: newStudent({ name, classId, classSeatNo: String(index + 1), enrolledOn: '2024-09' }) });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    students.push(enrolled.body);
  }
  const teacherId = (await call<{ userId: string }>('GET', '/v1/me', { token: teacher })).body.userId;
  const course = await call<{ courseId: string }>('POST', '/v1/courses', { token: registrar, body: { schoolId: SCHOOL, code: `E${randomInt(1e6)}`, name: COURSE, credits: 3.5, hours: 56, assessment: 'exam' } });
  const section = await call<{ sectionId: string }>('POST', '/v1/sections', { token: registrar, body: { courseId: course.body.courseId, term: TERM, classId, teacherId, room: `E${randomInt(1e6)}`, slots: [{ day: 2, period: 5 }] } });
  expect(section.status, JSON.stringify(section.body)).toBe(201);
  sectionId = section.body.sectionId;
  const [a, b, c] = students;
  const saved = await call('PUT', `/v1/sections/${sectionId}/grades`, { token: teacher, body: { grades: [{ studentId: a!.studentId, score: 92.5 }, { studentId: b!.studentId, score: 58 }, { studentId: c!.studentId, mark: 'absent' }] } });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect((await call('POST', `/v1/sections/${sectionId}/grades/submit`, { token: teacher })).status).toBe(200);
});

describe('a grade sheet export', () => {
  it('as XLSX for the section’s teacher: a job, then a five-minute link to a workbook with the sheet’s numbers', async () => {
    const started = await request(teacher, { kind: 'gradeSheet', sectionId, format: 'xlsx' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.headers.get('location')).toBe(`/v1/jobs/${started.body.jobId}`);
    expect(started.body).toMatchObject({ kind: 'export', status: 'queued', resultUrl: null, orgId: SCHOOL, request: { kind: 'gradeSheet', sectionId, format: 'xlsx' } });

    const job = await finished(started.body.jobId, teacher);
    expect(job).toMatchObject({ status: 'succeeded', total: 1, done: 1, errors: 0 });
    const link = new URL(job.resultUrl!);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('300');
    // The link names the job's file only: no section, no student, no file name.
    expect(link.pathname.endsWith(`/exports/${job.jobId}.xlsx`)).toBe(true);
    expect(job.resultUrl).not.toContain(sectionId);
    expect([...link.searchParams.keys()].filter((name) => !name.startsWith('X-Amz-'))).toEqual([]);

    const { response, bytes } = await download(job.resultUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`登分表_${COURSE}`)}`);

    const sheet = (await call<{ grades: SheetGrade[] }>('GET', `/v1/sections/${sectionId}/grades`, { token: teacher })).body;
    const rows = tableRows(await workbookOf(bytes), 5);
    expect(rows).toEqual(
      sheet.grades.map((grade, index) => [index + 1, String(index + 1), grade.name, grade.mark ? MARK_LABEL[grade.mark] : grade.score, grade.passed ? '是' : '否']),
    );
    expect(rows.map((row) => row[3])).toEqual([92.5, 58, '缺考']);
  });

  it('as PDF for the registrar: the students’ Chinese names as text, page 1 drawn', async () => {
    const job = await exported(registrar, { kind: 'gradeSheet', sectionId, format: 'pdf', orgId: SCHOOL });
    const { response, bytes } = await download(job.resultUrl!);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(bytes)).join('\n');
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).toContain('登分表');
    expect(text).toContain(COURSE);
    expect(text).toMatch(/92\.5\W+是/);
    expect(text).toContain('缺考');
    const png = await pdfPagePng(bytes, 1, 2);
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    mkdirSync('test-results/screenshots', { recursive: true });
    writeFileSync('test-results/screenshots/export-grade-sheet.png', png);
  });

  it('is refused to those who may not have it, and for bad requests', async () => {
    // Another school's teacher and registrar, a student: not found. The class's advisor and another teacher of the class: 403.
    for (const user of ['teacher-th-huajing', 'registrar-th-huajing', 'student-th-shiyan', 'advisor-th-huajing']) {
      expect((await request(await login(user), { kind: 'gradeSheet', sectionId, format: 'pdf' })).status, user).toBe(404);
    }
    const county = await login('tianhe-admin');
    expect((await request(county, { kind: 'gradeSheet', sectionId, format: 'xlsx' })).status).toBe(202);
    expect((await request(registrar, { kind: 'gradeSheet', sectionId: 'no-such-section', format: 'pdf' })).status).toBe(404);

    const bad = async (body: unknown) => {
      const reply = await request(registrar, body);
      return [reply.status, reply.body.error?.code, reply.body.error?.fields.map((field) => field.path)];
    };
    expect(await bad({ kind: 'gradeSheet', sectionId })).toEqual([400, 'VALIDATION_FAILED', ['format']]);
    expect((await bad({ kind: 'gradeSheet', sectionId, format: 'docx' }))[0]).toBe(400);
    expect((await bad({ kind: 'gradeSheet', format: 'pdf' }))[0]).toBe(400);
    expect((await bad({ kind: 'roster', sectionId, format: 'pdf' }))[0]).toBe(400);
    expect((await bad({ kind: 'gradeSheet', sectionId, format: 'pdf', extra: 1 }))[0]).toBe(400);
    expect((await bad({ kind: 'gradeSheet', studentId: students[0]!.studentId, format: 'pdf' }))[0]).toBe(400);
    // An organisation that does not hold the section.
    expect(await bad({ kind: 'gradeSheet', sectionId, format: 'pdf', orgId: `${SCHOOL}-G2026-C01` })).toEqual([422, 'VALIDATION_FAILED', ['orgId']]);
    const elsewhere = (await call<{ orgId: string }>('GET', '/v1/me', { token: await login('registrar-th-huajing') })).body.orgId;
    expect((await request(registrar, { kind: 'gradeSheet', sectionId, format: 'pdf', orgId: elsewhere })).status).toBe(403);
  });

  it('of a class’s section: its advisor and the class’s other teacher may read it, but not export it', async () => {
    // A section of the demo class the school's teacher teaches and the demo advisor leads, taught by nobody yet.
    const course = await call<{ courseId: string }>('POST', '/v1/courses', { token: registrar, body: { schoolId: SCHOOL, code: `F${randomInt(1e6)}`, name: '书法', credits: 1, hours: 16, assessment: 'check' } });
    const section = await call<{ sectionId: string }>('POST', '/v1/sections', { token: registrar, body: { courseId: course.body.courseId, term: TERM, classId: `${SCHOOL}-G2026-C01` } });
    expect(section.status, JSON.stringify(section.body)).toBe(201);
    const refused = async (user: string) => {
      const reply = await request(await login(user), { kind: 'gradeSheet', sectionId: section.body.sectionId, format: 'pdf' });
      return [reply.status, reply.body.error?.code];
    };
    expect(await refused('advisor-th-shiyan')).toEqual([403, 'ROLE_NOT_ALLOWED']);
    expect(await refused('teacher-th-shiyan')).toEqual([403, 'NOT_SECTION_TEACHER']);
    // A draft sheet exports too (the roster, no grades yet), for the office.
    const job = await exported(registrar, { kind: 'gradeSheet', sectionId: section.body.sectionId, format: 'xlsx' });
    const sheet = await workbookOf((await download(job.resultUrl!)).bytes);
    expect(sheet.getRow(1).getCell(1).value).toBe('登分表 (草稿)');
    expect(tableRows(sheet, 5).every((row) => row[3] === null && row[4] === null)).toBe(true);
  });
});

describe('a transcript export', () => {
  it('for the registrar: the student’s grades by term, with credits and totals, the national number in full', async () => {
    const [a] = students;
    const job = await exported(registrar, { kind: 'transcript', studentId: a!.studentId, format: 'xlsx' });
    const { bytes, response } = await download(job.resultUrl!);
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`成绩单_${a!.name}`)}`);
    const sheet = await workbookOf(bytes);
    expect(facts(sheet)).toMatchObject({ 姓名: a!.name, 全国学籍号: a!.nationalStudentNo });
    expect(tableRows(sheet, 6)).toEqual([[1, COURSE, 3.5, 92.5, null, '是']]);
    const lines: string[] = [];
    sheet.eachRow((row) => lines.push(String(row.getCell(1).value)));
    expect(lines).toContain(`${year}-${year + 1}学年第一学期`);
    expect(lines).toContain('合计：修读 1 门 3.5 学分，获得 3.5 学分；学分加权平均分 92.5');
  });

  it('as PDF for the student itself, in full; for its class’s advisor with the national number masked', async () => {
    const student = await login('student-th-shiyan');
    const me = (await call<{ studentId: string }>('GET', '/v1/me', { token: student })).body;
    const record = (await call<{ name: string; nationalStudentNo: string }>('GET', `/v1/students/${me.studentId}`, { token: student })).body;
    const own = await exported(student, { kind: 'transcript', studentId: me.studentId, format: 'pdf' });
    const ownText = (await pdfText((await download(own.resultUrl!)).bytes)).join('\n');
    // The demo student's name may have a rare character the PDF's font lacks (𠮷): it prints as □, and the page says so.
    expect(ownText).toMatch(new RegExp([...record.name].map((char) => `(?:${char}|□)`).join(''), 'u'));
    if (ownText.includes('□')) expect(ownText).toContain('□ 为本文件字体中没有的生僻字');
    expect(ownText).toContain(record.nationalStudentNo);

    const advisor = await login('advisor-th-shiyan');
    const masked = (await call<{ nationalStudentNo: string }>('GET', `/v1/students/${me.studentId}`, { token: advisor })).body.nationalStudentNo;
    const byAdvisor = await exported(advisor, { kind: 'transcript', studentId: me.studentId, format: 'xlsx' });
    const advisorFacts = facts(await workbookOf((await download(byAdvisor.resultUrl!)).bytes));
    expect(advisorFacts.全国学籍号).toBe(masked);
    if (record.nationalStudentNo.startsWith('G')) expect(masked).not.toBe(record.nationalStudentNo);

    // A teacher of the class may read the record but not export it; another student of the class may not see it at all.
    expect((await request(teacher, { kind: 'transcript', studentId: me.studentId, format: 'pdf' })).status).toBe(403);
    expect((await request(student, { kind: 'transcript', studentId: students[0]!.studentId, format: 'pdf' })).status).toBe(404);
    expect((await request(await login('registrar-th-huajing'), { kind: 'transcript', studentId: me.studentId, format: 'pdf' })).status).toBe(404);

    // The student's job is visible to the offices above its class, the school's teacher included: the teacher gets no link.
    const readBy = async (token: string) => call<Job>('GET', `/v1/jobs/${own.jobId}`, { token });
    expect((await readBy(teacher)).body).toMatchObject({ status: 'succeeded', resultUrl: null });
    expect((await readBy(registrar)).body.resultUrl).toMatch(/X-Amz-Expires=300/);
    expect((await readBy(await login('student-th-huajing'))).status).toBe(404);
  });
});

describe('the link', () => {
  it('is made at each read, valid five minutes, and never stored; a retry with the same Idempotency-Key is the same job', async () => {
    const key = `export-${randomInt(1e9)}`;
    const first = await request(registrar, { kind: 'gradeSheet', sectionId, format: 'xlsx' }, { 'idempotency-key': key });
    const again = await request(registrar, { kind: 'gradeSheet', sectionId, format: 'xlsx' }, { 'idempotency-key': key });
    expect(again.status).toBe(202);
    expect(again.body.jobId).toBe(first.body.jobId);
    const job = await finished(first.body.jobId, registrar);
    const { endpoints } = inject('stack');
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: endpoints.dynamodb }));
    const { Item } = await db.send(new GetCommand({ TableName: 'records', Key: { PK: `JOB#${job.jobId}`, SK: 'JOB' }, ConsistentRead: true }));
    expect(Item).toMatchObject({ status: 'succeeded', resultUrl: null, state: { full: false, key: `exports/${job.jobId}.xlsx` } });
    expect(JSON.stringify(Item)).not.toContain('X-Amz-');

    const link = new URL(job.resultUrl!);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('300');
    expect((await fetch(link)).status).toBe(200);
    // Signed for this file and these five minutes: another key, or a longer life, is refused by the storage.
    const otherKey = new URL(link);
    otherKey.pathname = otherKey.pathname.replace(`${job.jobId}.xlsx`, `${job.jobId}.pdf`);
    expect((await fetch(otherKey)).status).toBe(403);
    const longer = new URL(link);
    longer.searchParams.set('X-Amz-Expires', '3600');
    expect((await fetch(longer)).status).toBe(403);
  });
});
