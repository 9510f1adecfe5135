// The 学信网 registration files over HTTP against the local stack. A college of this file's own in
// 天河区 (its registrar's and teacher's accounts written directly and signed in with the local
// issuer's tokens, so the demo login's list stays the demo users), with three grades: 2022 and 2023
// graduated through the year-end's graduation, 2026 the new intake. The registrar sets the school's
// 学信网 settings (bad codes: 422); a new-student CSV has exactly the domain's columns and the
// records' values; the graduates' workbook has 18-digit certificate numbers with the school's
// prefix, counting 1..N without gaps, and leaves out (and lists) a student whose birth date the ID
// number does not hold and one whose name has a rare character, neither numbered. Ten exports of a
// grade at once give the same numbers: through the API (the local exports queue works one message
// at a time), and, to race for real, ten renderings at once in this process on the stack's tables,
// and ten claims of 250 numbers at once. Who may not export is refused.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { userItem } from '#shared/data/directory-repo.ts';
import type { Role } from '#shared/domain/roles.ts';
import { DIRECTORY_TABLE, RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { call, login, type Reply } from '../support/api.ts';
import { jobEnded, type Job } from '../support/jobs.ts';
import { useStackDynamo } from '../support/stack-dynamo.ts';
import { newStudent } from '../support/students.ts';

interface Student {
  studentId: string;
  name: string;
  gender: string;
  birthDate: string;
  idNumber: string;
  nationalStudentNo: string;
  classId: string;
}
interface ErrorBody {
  error: { code: string; message: string; fields: { path: string; code: string; message: string }[] };
}
interface Settings {
  institutionCode: string;
  schoolName: string;
  schoolType: string;
  adultEducation: boolean;
  grades: Record<string, { majorCode: string; majorName: string; level: string; studyForm: string; years: number; department?: string; station?: string }>;
}

const COUNTY = '440106';
const COUNTY_PATH = `/440000/440100/${COUNTY}`;
const stamp = String(Date.now() % 100_000_000).padStart(8, '0');
const SCHOOL = `45${stamp}`;
const SCHOOL_NAME = '天河区学信网注册测试学院';
/** An institution code of this run's own, so its certificate sequences start at 1. */
const INSTITUTION = String(10_000 + randomInt(90_000));
const G2022 = `${SCHOOL}-G2022`;
const G2023 = `${SCHOOL}-G2023`;
const G2026 = `${SCHOOL}-G2026`;
const CLASSES: Record<string, string[]> = { [G2022]: ['22软件1班'], [G2023]: ['23会计1班', '23会计2班'], [G2026]: ['26计算机1班', '26计算机2班'] };
const SETTINGS: Settings = {
  institutionCode: INSTITUTION,
  schoolName: SCHOOL_NAME,
  schoolType: '1',
  adultEducation: false,
  grades: {
    [G2022]: { majorCode: '080902', majorName: '软件工程', level: '05', studyForm: '普通全日制', years: 4, department: '信息学院' },
    [G2023]: { majorCode: '530302', majorName: '大数据与会计', level: '06', studyForm: '普通全日制', years: 3 },
    [G2026]: { majorCode: '510201', majorName: '计算机应用技术', level: '06', studyForm: '普通全日制', years: 3, department: '信息工程系', station: '天河校区' },
  },
};
/** Names of the students: a surname per grade, the class and the seat in characters (names hold no digits). */
const SURNAME: Record<string, string> = { '2022': '赵', '2023': '钱', '2026': '孙' };
const COLUMNS = ['KSH', 'XH', 'XM', 'XB', 'CSRQ', 'ZJLX', 'ZJHM', 'ZZMM', 'MZ', 'ZYDM', 'ZYMC', 'FY', 'XSH', 'BH', 'CC', 'XXXS', 'XZ', 'RXRQ', 'YJBYRQ'];
const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

const tokens: Record<'registrar' | 'teacher', string> = { registrar: '', teacher: '' };
const students: Record<string, Student[]> = { [G2022]: [], [G2023]: [], [G2026]: [] };
/** The 2022 student whose birth date is written wrong directly (the API refuses one the ID number does not hold). */
let planted: Student;
let rare: Student;
let db: DynamoDBDocumentClient;

async function account(username: string, role: Role, displayName: string): Promise<string> {
  const subject = `local|${username}`;
  await db.send(new PutCommand({ TableName: 'directory', Item: userItem({ userId: subject, username, role, orgId: SCHOOL, orgPath: `${COUNTY_PATH}/${SCHOOL}`, displayName, ...(role === 'teacher' ? { classIds: [] } : {}) }) }));
  const key = JSON.parse(readFileSync(join(inject('stack').dataDir, 'keys', 'local-issuer.json'), 'utf8')) as JWK;
  const claims = JSON.parse(Buffer.from((await login('tianhe-admin')).split('.')[1]!, 'base64url').toString()) as { iss: string; aud: string };
  return new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid! }).setSubject(subject).setIssuer(claims.iss).setAudience(claims.aud).setIssuedAt().setExpirationTime('1h').sign(await importJWK(key, 'ES256'));
}

async function ok<T>(reply: Promise<Reply<T>>, status = 201): Promise<T> {
  const answer = await reply;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

const finished = (jobId: string, token = tokens.registrar): Promise<Job> => jobEnded(jobId, token);

const exportRequest = (token: string, body: Record<string, unknown>) => call<Job & ErrorBody>('POST', '/v1/exports', { token, body });

/** Requests an export, waits for it and downloads its file. */
async function exported(body: Record<string, unknown>): Promise<{ job: Job; bytes: Uint8Array }> {
  const job = await finished((await ok(exportRequest(tokens.registrar, body), 202)).jobId);
  expect(job.status, JSON.stringify(job)).toBe('succeeded');
  const response = await fetch(job.resultUrl!);
  expect(response.status).toBe(200);
  return { job, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** A CSV file's header and rows (after its byte-order mark). */
function csvTable(bytes: Uint8Array): { columns: string[]; rows: string[][] } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [columns, ...rows] = parse(text.slice(1), { relaxColumnCount: false }) as string[][];
  return { columns: columns!, rows };
}

async function sheetTable(bytes: Uint8Array): Promise<{ columns: string[]; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
  const [columns, ...rest] = rows;
  return { columns: columns!, rows: rest.map((row) => [...row, ...Array<string>(columns!.length - row.length).fill('')]) };
}

const column = (table: { columns: string[]; rows: string[][] }, name: string) => table.rows.map((row) => row[table.columns.indexOf(name)]!);

/** The numbers' sequences, checked to be this school's, of the year of BYRQ and the grade's level. */
function sequences(table: { columns: string[]; rows: string[][] }, level: string): number[] {
  return table.rows.map((row) => {
    const number = row[table.columns.indexOf('ZSBH')]!;
    const year = row[table.columns.indexOf('BYRQ')]!.slice(0, 4);
    expect(number).toMatch(/^\d{18}$/);
    expect(number.slice(0, 12)).toBe(`${INSTITUTION}1${year}${level}`);
    return Number(number.slice(12));
  });
}

const oneToN = (count: number) => Array.from({ length: count }, (_, index) => index + 1);
const chinaDate = (instant: string) => new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

async function enrol(gradeId: string, classNo: number, seat: number, overrides: Record<string, unknown> = {}): Promise<Student> {
  const classId = `${gradeId}-C0${classNo}`;
  const year = gradeId.slice(-4);
  const student = await ok(call<Student>('POST', '/v1/students', { token: tokens.registrar, body: newStudent({ name: `${SURNAME[year]}${'一二'[classNo - 1]}${'甲乙丙丁戊'[seat]}`, classId, classSeatNo: String(seat), enrolledOn: `${year}-09`, politicalStatus: '03', ...overrides }) }));
  students[gradeId]!.push(student);
  return student;
}

async function graduate(gradeId: string): Promise<void> {
  const started = await ok(call<Job>('POST', `/v1/schools/${SCHOOL}/graduation`, { token: tokens.registrar, body: { gradeId } }), 202);
  const job = await finished(started.jobId);
  expect(job, JSON.stringify(job)).toMatchObject({ status: 'succeeded', errors: 0, done: students[gradeId]!.length });
}

beforeAll(async () => {
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, endpoint: inject('stack').endpoints.dynamodb }));
  await ok(call('POST', `/v1/orgs/${COUNTY}/children`, { token: await login('tianhe-admin'), body: { code: SCHOOL, name: SCHOOL_NAME } }));
  tokens.registrar = await account(`chsi-registrar-${SCHOOL}`, 'school_registrar', `${SCHOOL_NAME} 学籍管理员`);
  tokens.teacher = await account(`chsi-teacher-${SCHOOL}`, 'teacher', `${SCHOOL_NAME} 教师`);
  for (const [gradeId, classes] of Object.entries(CLASSES)) {
    await ok(call('POST', `/v1/orgs/${SCHOOL}/children`, { token: tokens.registrar, body: { code: gradeId.slice(-4), name: `${gradeId.slice(-4)}级` } }));
    for (const [index, name] of classes.entries()) await ok(call('POST', `/v1/orgs/${gradeId}/children`, { token: tokens.registrar, body: { code: String(index + 1), name } }));
  }
  // 2022: four students, one with a rare character in the name (CJK Extension B), one whose birth date will be planted wrong.
  await enrol(G2022, 1, 1);
  rare = await enrol(G2022, 1, 2, { name: '李𠮷祥' });
  planted = await enrol(G2022, 1, 3);
  await enrol(G2022, 1, 4, { name: '买买提·吐尔逊', ethnicity: '05' });
  // 2023: eight students in two classes; 2026: three new students.
  for (const classNo of [1, 2]) for (const seat of [1, 2, 3, 4]) await enrol(G2023, classNo, seat);
  for (const [classNo, seat] of [[1, 1], [1, 2], [2, 1]] as const) await enrol(G2026, classNo, seat, classNo === 2 ? { politicalStatus: undefined, ethnicity: '03' } : {});
  // The API refuses a birth date the ID number does not hold (it checks both at enrolment and at a
  // key-field change), so the wrong one is written straight to the table, as a migrated record has it.
  const day = Number(planted.birthDate.slice(8, 10));
  await db.send(new UpdateCommand({ TableName: 'records', Key: { PK: `STUDENT#${planted.studentId}`, SK: 'RECORD' }, UpdateExpression: 'SET birthDate = :wrong', ExpressionAttributeValues: { ':wrong': `${planted.birthDate.slice(0, 8)}${String(day === 1 ? 2 : day - 1).padStart(2, '0')}` } }));
  await graduate(G2022);
  await graduate(G2023);
}, 180_000);

describe('the 学信网 registration settings', () => {
  it('are the school registrar’s to set and the offices’ to read; a file cannot be made before', async () => {
    expect(await ok(call('GET', `/v1/schools/${SCHOOL}/registration`, { token: tokens.registrar }), 200)).toEqual({ settings: null });
    const before = await finished((await ok(exportRequest(tokens.registrar, { kind: 'chsiNew', orgId: SCHOOL, format: 'csv' }), 202)).jobId);
    expect(before.status).toBe('failed');
    expect(before.errorSamples[0]!.message).toContain('尚未设置学信网注册信息');

    const put = await ok(call<{ settings: Settings & { updatedBy: string } }>('PUT', `/v1/schools/${SCHOOL}/registration`, { token: tokens.registrar, body: SETTINGS }), 200);
    expect(put.settings).toMatchObject({ ...SETTINGS, updatedBy: `${SCHOOL_NAME} 学籍管理员` });
    for (const reader of [tokens.registrar, await login('tianhe-admin'), await login('gz-admin')]) {
      expect((await ok(call<{ settings: Settings }>('GET', `/v1/schools/${SCHOOL}/registration`, { token: reader }), 200)).settings).toMatchObject(SETTINGS);
    }
    // A teacher of the school: 403; the county above: reads but does not write; another county: not its school.
    expect((await call('GET', `/v1/schools/${SCHOOL}/registration`, { token: tokens.teacher })).status).toBe(403);
    expect((await call('PUT', `/v1/schools/${SCHOOL}/registration`, { token: await login('tianhe-admin'), body: SETTINGS })).status).toBe(403);
    expect((await call('PUT', `/v1/schools/${SCHOOL}/registration`, { token: tokens.teacher, body: SETTINGS })).status).toBe(403);
    expect((await call('GET', `/v1/schools/${SCHOOL}/registration`, { token: await login('nanshan-admin') })).status).toBe(403);
    expect((await call('GET', `/v1/schools/no-such-school/registration`, { token: tokens.registrar })).status).toBe(404);
  });

  it('refuse bad codes with 422, field by field in Chinese, and keep what was set', async () => {
    const bad = await call<ErrorBody>('PUT', `/v1/schools/${SCHOOL}/registration`, {
      token: tokens.registrar,
      body: { ...SETTINGS, institutionCode: '1234', schoolType: '3', grades: { [G2023]: { ...SETTINGS.grades[G2023]!, majorCode: '53030', level: '03', years: 0 } } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.fields.map((field) => field.path)).toEqual(['institutionCode', 'schoolType', `grades.${G2023}.majorCode`, `grades.${G2023}.level`, `grades.${G2023}.years`]);
    expect(bad.body.error.fields[0]!.message).toBe('院校代码应为 5 位数字');
    const elsewhere = await call<ErrorBody>('PUT', `/v1/schools/${SCHOOL}/registration`, { token: tokens.registrar, body: { ...SETTINGS, grades: { '2144010601-G2026': SETTINGS.grades[G2026] } } });
    expect([elsewhere.status, elsewhere.body.error.fields[0]?.code]).toEqual([422, 'unknown_grade']);
    // The shape itself (a missing field, text for a number) is a bad request.
    const { schoolName: _name, ...missing } = SETTINGS;
    expect((await call('PUT', `/v1/schools/${SCHOOL}/registration`, { token: tokens.registrar, body: missing })).status).toBe(400);
    expect((await call('PUT', `/v1/schools/${SCHOOL}/registration`, { token: tokens.registrar, body: { ...SETTINGS, grades: { [G2026]: { ...SETTINGS.grades[G2026], years: '3' } } } })).status).toBe(400);
    expect((await ok(call<{ settings: Settings }>('GET', `/v1/schools/${SCHOOL}/registration`, { token: tokens.registrar }), 200)).settings).toMatchObject(SETTINGS);
  });
});

describe('the new-student file', () => {
  it('as CSV of the school: the newest intake, exactly the domain’s columns in order, the records’ values', async () => {
    const { job, bytes } = await exported({ kind: 'chsiNew', orgId: SCHOOL, format: 'csv' });
    expect(job.errors).toBe(0);
    const table = csvTable(bytes);
    expect(table.columns).toEqual(COLUMNS);
    const programme = SETTINGS.grades[G2026]!;
    expect(table.rows).toEqual(
      students[G2026]!.map((student, index) => [
        '',
        student.nationalStudentNo,
        student.name,
        student.gender === '1' ? '男' : '女',
        student.birthDate.replaceAll('-', ''),
        '居民身份证',
        student.idNumber,
        index < 2 ? '共青团员' : '',
        index < 2 ? '汉族' : '回族',
        programme.majorCode,
        programme.majorName,
        programme.department,
        programme.station,
        CLASSES[G2026]![index < 2 ? 0 : 1],
        '专科',
        '普通全日制',
        '3',
        '20260901',
        '20290701',
      ]),
    );
  });
});

describe('the graduates’ file', () => {
  it('as XLSX of a grade: 18-digit certificate numbers of the school, 1..N without gaps; the refused rows listed and not numbered', async () => {
    const { job, bytes } = await exported({ kind: 'chsiGraduate', orgId: G2022, format: 'xlsx' });
    expect(job.errors).toBe(2);
    expect(job.errorSamples).toEqual(
      expect.arrayContaining([
        { item: `${planted.name} (证件号 ${planted.idNumber.slice(0, 6)}********${planted.idNumber.slice(-4)})`, message: '出生日期与身份证件号中的出生日期不符' },
        { item: expect.stringContaining('李𠮷祥 (证件号 '), message: expect.stringMatching(/生僻字「𠮷」.*手工注册/u) },
      ]),
    );
    const table = await sheetTable(bytes);
    expect(table.columns).toEqual([...COLUMNS, 'BYRQ', 'BYJL', 'ZSBH']);
    const kept = students[G2022]!.filter((student) => student !== planted && student !== rare);
    expect(column(table, 'XM')).toEqual(kept.map((student) => student.name));
    expect(column(table, 'MZ')).toEqual(['汉族', '维吾尔族']);
    expect(column(table, 'CC')).toEqual(['本科', '本科']);
    expect(column(table, 'YJBYRQ')).toEqual(['20260701', '20260701']);
    expect(column(table, 'BYJL')).toEqual(['毕业', '毕业']);
    // The graduation date is the year-end's: the day the history says the record became graduated.
    const history = await ok(call<{ items: { at: string; action: string }[] }>('GET', `/v1/students/${kept[0]!.studentId}/history`, { token: tokens.registrar }), 200);
    expect(column(table, 'BYRQ')[0]).toBe(chinaDate(history.items.find((entry) => entry.action === 'change.graduation')!.at));
    expect(sequences(table, '05')).toEqual(oneToN(kept.length));

    // A second export, as CSV: the same numbers, nobody numbered twice.
    const again = csvTable((await exported({ kind: 'chsiGraduate', orgId: G2022, format: 'csv' })).bytes);
    expect(column(again, 'ZSBH')).toEqual(column(table, 'ZSBH'));
  });

  it('rendered ten times at once for a grade: the same numbers each time, 1..N, no repeats', async () => {
    useStackDynamo([RECORDS_TABLE, DIRECTORY_TABLE]);
    const { chsiGraduateContent } = await import('#shared/services/exports/kinds/chsi-graduate-content.ts');
    const at = new Date().toISOString();
    const files = await Promise.all(Array.from({ length: 10 }, () => chsiGraduateContent.render({ kind: 'chsiGraduate', orgId: G2023, format: 'csv' }, { full: true, at })));
    const numbers = files.map((file) => column(csvTable(file.bytes), 'ZSBH'));
    for (const each of numbers) expect(each).toEqual(numbers[0]);
    expect(new Set(numbers[0]).size).toBe(students[G2023]!.length);
    expect(sequences(csvTable(files[0]!.bytes), '06')).toEqual(oneToN(students[G2023]!.length));
    expect(files.every((file) => (file.refused ?? []).length === 0)).toBe(true);
  });

  it('exported ten times at once through the API: ten files with those same numbers', async () => {
    const started = await Promise.all(Array.from({ length: 10 }, (_, index) => ok(exportRequest(tokens.registrar, { kind: 'chsiGraduate', orgId: G2023, format: index % 2 ? 'csv' : 'xlsx' }), 202)));
    const tables = await Promise.all(
      started.map(async (job, index) => {
        const done = await finished(job.jobId);
        expect(done.status, JSON.stringify(done)).toBe('succeeded');
        const bytes = new Uint8Array(await (await fetch(done.resultUrl!)).arrayBuffer());
        return index % 2 ? csvTable(bytes) : sheetTable(bytes);
      }),
    );
    const first = column(tables[0]!, 'ZSBH');
    for (const table of tables) expect(column(table, 'ZSBH')).toEqual(first);
    expect(sequences(tables[0]!, '06')).toEqual(oneToN(students[G2023]!.length));
    expect(column(tables[0]!, 'XM')).toEqual(students[G2023]!.map((student) => student.name));
  }, 180_000);

  it('numbers claimed ten times at once for 250 students: each gets one, the sequence 1..250 without gaps or repeats', async () => {
    useStackDynamo([RECORDS_TABLE]);
    const { takeCertificates } = await import('#shared/data/certificate-repo.ts');
    const prefix = `${String(10_000 + randomInt(90_000))}7202902`;
    const claims = Array.from({ length: 250 }, (_, index) => ({ studentId: `chsi-race-${stamp}-${index}`, graduatedOn: '20290701' }));
    const results = await Promise.all(Array.from({ length: 10 }, () => takeCertificates(prefix, claims, new Date().toISOString())));
    const numbers = (result: Map<string, { certificateNo: string }>) => claims.map((claim) => result.get(claim.studentId)?.certificateNo);
    for (const result of results) expect(numbers(result)).toEqual(numbers(results[0]!));
    expect(numbers(results[0]!).map((number) => Number(number!.slice(12))).sort((a, b) => a - b)).toEqual(oneToN(250));
    expect(numbers(results[0]!).every((number) => number!.startsWith(prefix))).toBe(true);
  }, 120_000);
});

describe('the demo college', () => {
  it('is seeded with settings, so its new-student file is made (its rare-character name refused)', async () => {
    const registrar = await login('registrar-th-zhiye');
    const { settings } = await ok(call<{ settings: Settings }>('GET', '/v1/schools/4144010603/registration', { token: registrar }), 200);
    expect(settings).toMatchObject({ institutionCode: '90603', schoolType: '1', adultEducation: false });
    expect(Object.keys(settings.grades).sort()).toEqual(['4144010603-G2024', '4144010603-G2025', '4144010603-G2026']);
    const job = await finished((await ok(exportRequest(registrar, { kind: 'chsiNew', orgId: '4144010603', format: 'csv' }), 202)).jobId, registrar);
    expect(job.status).toBe('succeeded');
    expect(job.errorSamples.some((error) => error.message.includes('生僻字'))).toBe(true);
    const table = csvTable(new Uint8Array(await (await fetch(job.resultUrl!)).arrayBuffer()));
    expect(table.rows.length).toBeGreaterThan(50);
    expect(new Set(column(table, 'RXRQ'))).toEqual(new Set(['20260901']));
    expect(new Set(column(table, 'ZYMC'))).toEqual(new Set(['计算机应用技术']));
  });
});

describe('who may export the 学信网 files', () => {
  it('not a teacher (403), nor another county’s admin, who does not see the registrar’s job either (404)', async () => {
    const teacher = await exportRequest(tokens.teacher, { kind: 'chsiGraduate', orgId: G2023, format: 'xlsx' });
    expect([teacher.status, teacher.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const nanshan = await login('nanshan-admin');
    const outside = await exportRequest(nanshan, { kind: 'chsiGraduate', orgId: G2023, format: 'xlsx' });
    expect([outside.status, outside.body.error.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const job = await ok(exportRequest(tokens.registrar, { kind: 'chsiAnnual', orgId: SCHOOL, format: 'xlsx' }), 202);
    expect((await call('GET', `/v1/jobs/${job.jobId}`, { token: nanshan })).status).toBe(404);
    // The county above may.
    expect((await exportRequest(await login('tianhe-admin'), { kind: 'chsiNew', orgId: G2026, format: 'csv' })).status).toBe(202);
    // Made by grade or school only.
    expect((await exportRequest(tokens.registrar, { kind: 'chsiNew', orgId: `${G2026}-C01`, format: 'csv' })).status).toBe(422);
  });
});
