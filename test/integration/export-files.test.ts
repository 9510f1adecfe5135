// The data exports over HTTP against the local stack, on a school of this file's own (a county
// opens it; its registrar adds a final-year grade of two classes, a teacher, an advisor, five
// students, one without an ID number, photos for three of them and a rejected one for a fourth,
// and a section of this school year): the photo archive (学籍照片) holds exactly the accepted
// photos, byte for byte, named by ID number or 学校标识码_班号_姓名 in the grade's and the class's
// folders, with 缺少照片.csv listing the others; the graduate photo capture list
// (毕业生图像采集名单) as a workbook and as CSV; the OneRoster 1.2 bundle with its files, headers,
// and the school's students, classes and enrollments. Who may not export them, and bad requests,
// are refused.
import { randomInt } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { schoolYearAt } from '#shared/domain/exports/one-roster.ts';
import { baseUrl, call, login } from '../support/api.ts';
import { jpeg } from '../support/files.ts';
import type { Job } from '../support/jobs.ts';
import { newStudent, validIdNumber } from '../support/students.ts';

interface Student {
  studentId: string;
  name: string;
  gender: string;
  idNumber?: string;
  nationalStudentNo: string;
  schoolStudentNo?: string;
}
interface Upload {
  upload: { url: string; fields: Record<string, string> };
}
interface ErrorBody {
  error?: { code: string; fields: { path: string; code: string }[] };
}

const COUNTY = '440106';
const SCHOOL = `29${String(randomInt(1e8)).padStart(8, '0')}`;
const SCHOOL_NAME = '天河区导出测试职业学校';
const YEAR = String(2000 + randomInt(90));
const GRADE_NAME = `${YEAR}级 (高三)`;
const TERM = `${schoolYearAt(new Date().toISOString())}-1`;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let tokens: { registrar: string; teacher: string };
let gradeId: string;
let classIds: [string, string];
let teacherId: string;
let advisorId: string;
let sectionId: string;
/** By role in the test: `photo` has an accepted photo, `noPhoto` none, `noId` no ID number (and a photo), `rejected` only a rejected one. */
let students: Record<'photo' | 'noPhoto' | 'noId' | 'other' | 'rejected', Student>;
const photos = new Map<string, Buffer>();

async function created<T>(reply: Promise<{ status: number; body: T }>): Promise<T> {
  const answer = await reply;
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

async function enrol(classId: string, seat: number, body: Record<string, unknown>): Promise<Student> {
  return created(call<Student>('POST', '/v1/students', { token: tokens.registrar, body: newStudent({ classId, classSeatNo: String(seat), enrolledOn: `${YEAR}-09`, ...body }) }));
}

/** Uploads a JPEG as a browser does and waits for its check. */
async function upload(studentId: string, bytes: Buffer): Promise<string> {
  const slot = await created(call<Upload>('POST', `/v1/students/${studentId}/photo`, { token: tokens.registrar, body: { contentType: 'image/jpeg', size: bytes.length } }));
  const form = new FormData();
  for (const [field, value] of Object.entries(slot.upload.fields)) form.append(field, value);
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
  expect((await fetch(slot.upload.url, { method: 'POST', body: form, headers: { origin: baseUrl() } })).status).toBe(204);
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const photo = await call<{ status: string }>('GET', `/v1/students/${studentId}/photo`, { token: tokens.registrar });
    if (photo.status === 200 && photo.body.status !== 'pending') return photo.body.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the photo of ${studentId} was not checked`);
}

const request = (token: string, body: Record<string, unknown>) => call<Job & ErrorBody>('POST', '/v1/exports', { token, body });

/** Requests an export, waits for its job and downloads the file. */
async function exported(body: Record<string, unknown>): Promise<{ bytes: Uint8Array; response: Response }> {
  const started = await request(tokens.registrar, body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const job = (await call<Job>('GET', `/v1/jobs/${started.body.jobId}`, { token: tokens.registrar })).body;
    if (job.status === 'failed') throw new Error(`export failed: ${JSON.stringify(job)}`);
    if (job.status === 'succeeded') {
      expect(job).toMatchObject({ total: 1, done: 1, errors: 0 });
      const response = await fetch(job.resultUrl!);
      expect(response.status).toBe(200);
      return { bytes: new Uint8Array(await response.arrayBuffer()), response };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`export ${started.body.jobId} did not end`);
}

const fileNameOf = (response: Response) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(response.headers.get('content-disposition') ?? '')![1]!);
const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, '')) as string[][];
/** The text of a UTF-8 file, its byte-order mark kept (TextDecoder would drop it). */
const textOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

beforeAll(async () => {
  const county = await login('tianhe-admin');
  await created(call('POST', `/v1/orgs/${COUNTY}/children`, { token: county, body: { code: SCHOOL, name: SCHOOL_NAME } }));
  await created(call('POST', '/v1/users', { token: county, body: { username: `reg-${SCHOOL}`, role: 'school_registrar', orgId: SCHOOL, displayName: '导出测试学籍员' } }));
  const registrar = await login(`reg-${SCHOOL}`);
  gradeId = (await created(call<{ orgId: string }>('POST', `/v1/orgs/${SCHOOL}/children`, { token: registrar, body: { code: YEAR, name: GRADE_NAME } }))).orgId;
  classIds = [
    (await created(call<{ orgId: string }>('POST', `/v1/orgs/${gradeId}/children`, { token: registrar, body: { code: '1', name: '计算机(1)班' } }))).orgId,
    (await created(call<{ orgId: string }>('POST', `/v1/orgs/${gradeId}/children`, { token: registrar, body: { code: '2', name: '会计(2)班' } }))).orgId,
  ];
  teacherId = (await created(call<{ userId: string }>('POST', '/v1/users', { token: registrar, body: { username: `tch-${SCHOOL}`, role: 'teacher', orgId: SCHOOL, displayName: '王老师', classIds: [classIds[0]] } }))).userId;
  advisorId = (await created(call<{ userId: string }>('POST', '/v1/users', { token: registrar, body: { username: `adv-${SCHOOL}`, role: 'class_advisor', orgId: classIds[0], displayName: '李班主任' } }))).userId;
  tokens = { registrar, teacher: await login(`tch-${SCHOOL}`) };

  const [first, second] = classIds;
  students = {
    photo: await enrol(first, 1, { name: '欧阳娜娜', idNumber: validIdNumber({ gender: '2' }) }),
    noPhoto: await enrol(first, 2, { name: '钱多多', idNumber: validIdNumber({ gender: '1' }) }),
    // Without an ID number (idType 其他): its photo is named 学校标识码_班号_姓名.
    noId: await enrol(first, 3, { name: '孙无证', idType: 'Z', idNumber: undefined, gender: '1', birthDate: '2008-05-05', confirmDuplicate: true }),
    other: await enrol(second, 1, { name: '李四', idNumber: validIdNumber({ gender: '1' }) }),
    rejected: await enrol(second, 2, { name: '周小图', idNumber: validIdNumber({ gender: '2' }) }),
  };
  expect(students.noId.idNumber).toBeUndefined();
  for (const [key, width] of [['photo', 180], ['noId', 200], ['other', 358]] as const) {
    const bytes = jpeg(width, Math.round((width * 32) / 26));
    expect(await upload(students[key].studentId, bytes)).toBe('accepted');
    photos.set(students[key].studentId, bytes);
  }
  expect(await upload(students.rejected.studentId, jpeg(100, 123))).toBe('rejected');

  // A course of the school and its section for the first class this school year, taught by the teacher.
  const course = await created(call<{ courseId: string }>('POST', '/v1/courses', { token: registrar, body: { schoolId: SCHOOL, code: 'JSJ01', name: '计算机应用基础', credits: 4, hours: 64, assessment: 'exam' } }));
  sectionId = (await created(call<{ sectionId: string }>('POST', '/v1/sections', { token: registrar, body: { courseId: course.courseId, term: TERM, classId: first, teacherId, room: '机房一' } }))).sectionId;
});

describe('a photo archive (学籍照片)', () => {
  it('of a grade: exactly the accepted photos, byte for byte, by ID number or 学校标识码_班号_姓名, foldered by grade and class; the others in 缺少照片.csv', async () => {
    const { bytes, response } = await exported({ kind: 'photos', orgId: gradeId, format: 'zip' });
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(fileNameOf(response)).toBe(`${GRADE_NAME}学籍照片.zip`);
    const entries = unzipSync(bytes);
    const expected = {
      [`${GRADE_NAME}/计算机(1)班/${students.photo.idNumber}.jpg`]: students.photo,
      [`${GRADE_NAME}/计算机(1)班/${SCHOOL}_01_孙无证.jpg`]: students.noId,
      [`${GRADE_NAME}/会计(2)班/${students.other.idNumber}.jpg`]: students.other,
    };
    expect(Object.keys(entries).sort()).toEqual([...Object.keys(expected), '缺少照片.csv'].sort());
    for (const [path, student] of Object.entries(expected)) expect(Buffer.from(entries[path]!).equals(photos.get(student.studentId)!), path).toBe(true);
    const missing = textOf(entries['缺少照片.csv']!);
    expect(missing.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = csvRows(missing);
    expect(header).toEqual(['姓名', '班级', '原因']);
    expect(rows).toEqual([
      ['钱多多', `${GRADE_NAME} 计算机(1)班`, '未上传照片'],
      ['周小图', `${GRADE_NAME} 会计(2)班`, expect.stringMatching(/^照片未通过核验：图像为 100 × 123 像素/)],
    ]);
  });

  it('of a class: its photos only, in the same folders', async () => {
    const { bytes } = await exported({ kind: 'photos', orgId: classIds[1], format: 'zip' });
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual([`${GRADE_NAME}/会计(2)班/${students.other.idNumber}.jpg`, '缺少照片.csv'].sort());
    expect(csvRows(textOf(entries['缺少照片.csv']!)).map((row) => row[0])).toEqual(['姓名', '周小图']);
  });
});

describe('a graduate photo capture list (毕业生图像采集名单)', () => {
  const expectedRows = () =>
    [students.photo, students.noPhoto, students.noId, students.other, students.rejected].map((student, index) => [
      index + 1,
      student.schoolStudentNo ?? student.nationalStudentNo,
      student.name,
      student.gender === '1' ? '男' : '女',
      student.idNumber ?? null,
      GRADE_NAME,
      SCHOOL,
      COUNTY,
    ]);

  it('as XLSX: 序号 学号 姓名 性别 身份证号 专业 学校代码 地区码, numbered 1..N in print order', async () => {
    const { bytes, response } = await exported({ kind: 'captureList', orgId: gradeId, format: 'xlsx' });
    expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(fileNameOf(response)).toBe(`${GRADE_NAME}毕业生图像采集名单.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push(Array.from({ length: 8 }, (_, index) => row.getCell(index + 1).value)));
    expect(rows[0]).toEqual(['序号', '学号', '姓名', '性别', '身份证号', '专业', '学校代码', '地区码']);
    // The ID-less student's empty cell reads back empty (null); codes stay text with their zeros.
    expect(rows.slice(1).map((row) => row.map((cell) => (cell === '' ? null : cell)))).toEqual(expectedRows());
  });

  it('as CSV (UTF-8 with a byte-order mark, for Excel)', async () => {
    const { bytes } = await exported({ kind: 'captureList', orgId: gradeId, format: 'csv' });
    const text = textOf(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = csvRows(text);
    expect(header).toEqual(['序号', '学号', '姓名', '性别', '身份证号', '专业', '学校代码', '地区码']);
    expect(rows).toEqual(expectedRows().map((row) => row.map((cell) => (cell === null ? '' : String(cell)))));
  });
});

describe('a OneRoster 1.2 bundle', () => {
  const HEADERS: Record<string, string> = {
    'manifest.csv': 'propertyName,value',
    'orgs.csv': 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
    'users.csv':
      'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
    'roles.csv': 'sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId',
    'classes.csv': 'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
    'enrollments.csv': 'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
    'academicSessions.csv': 'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear',
    'courses.csv': 'sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes',
  };

  it('of the school: the manifest and the data files with the 1.2 headers, its students, teachers, classes and enrollments, and no ID number', async () => {
    const { bytes, response } = await exported({ kind: 'oneRoster', orgId: SCHOOL, format: 'zip' });
    expect(fileNameOf(response)).toMatch(new RegExp(`^${SCHOOL_NAME}OneRoster数据包_\\d{4}-\\d{4}\\.zip$`));
    const entries = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, textOf(data)]));
    expect(Object.keys(entries).sort()).toEqual(Object.keys(HEADERS).sort());
    // Plain UTF-8 (no byte-order mark), each file's header exactly the binding's.
    for (const [name, header] of Object.entries(HEADERS)) {
      expect(entries[name]!.startsWith(`${header}\r\n`), name).toBe(true);
    }
    const table = (name: string) => {
      const [header, ...rows] = csvRows(entries[name]!);
      return rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]!])));
    };
    const manifest = Object.fromEntries(table('manifest.csv').map((row) => [row.propertyName, row.value]));
    expect(manifest).toMatchObject({ 'manifest.version': '1.0', 'oneroster.version': '1.2', 'file.orgs': 'bulk', 'file.users': 'bulk', 'file.roles': 'bulk', 'file.classes': 'bulk', 'file.enrollments': 'bulk', 'file.academicSessions': 'bulk', 'file.courses': 'bulk', 'file.demographics': 'absent', 'file.results': 'absent' });

    expect(table('orgs.csv').map((row) => [row.sourcedId, row.type, row.identifier, row.parentSourcedId])).toEqual([
      [COUNTY, 'district', COUNTY, ''],
      [SCHOOL, 'school', SCHOOL, COUNTY],
    ]);
    const all = Object.values(students);
    const users = table('users.csv');
    expect(users.map((row) => [row.sourcedId, row.identifier, row.grades, row.primaryOrgSourcedId])).toEqual([
      ...all.map((student) => [student.studentId, student.nationalStudentNo, '12', SCHOOL]),
      [teacherId, '', '', SCHOOL],
      [advisorId, '', '', SCHOOL],
    ]);
    expect(users.find((row) => row.sourcedId === students.photo.studentId)).toMatchObject({ familyName: '欧阳', givenName: '娜娜', enabledUser: 'true' });
    expect(table('roles.csv').map((row) => [row.userSourcedId, row.role])).toEqual([...all.map((student) => [student.studentId, 'student']), [teacherId, 'teacher'], [advisorId, 'teacher']]);

    const classes = table('classes.csv');
    expect(classes.map((row) => [row.sourcedId, row.classType, row.grades, row.schoolSourcedId])).toEqual([
      [classIds[0], 'homeroom', '12', SCHOOL],
      [classIds[1], 'homeroom', '12', SCHOOL],
      [sectionId, 'scheduled', '12', SCHOOL],
    ]);
    expect(classes[2]).toMatchObject({ title: '计算机应用基础 计算机(1)班', location: '机房一', termSourcedIds: `${SCHOOL}-T${TERM}`, courseSourcedId: `${SCHOOL}-KJSJ01` });
    const sessions = table('academicSessions.csv').map((row) => row.sourcedId);
    expect(sessions).toContain(`${SCHOOL}-T${TERM}`);
    expect(table('courses.csv').map((row) => row.sourcedId)).toEqual([`${gradeId}-HR`, `${SCHOOL}-KJSJ01`]);

    const [first, second] = classIds;
    expect(table('enrollments.csv').map((row) => [row.userSourcedId, row.classSourcedId, row.role])).toEqual([
      [students.photo.studentId, first, 'student'],
      [students.photo.studentId, sectionId, 'student'],
      [students.noPhoto.studentId, first, 'student'],
      [students.noPhoto.studentId, sectionId, 'student'],
      [students.noId.studentId, first, 'student'],
      [students.noId.studentId, sectionId, 'student'],
      [students.other.studentId, second, 'student'],
      [students.rejected.studentId, second, 'student'],
      [advisorId, first, 'teacher'],
      [teacherId, sectionId, 'teacher'],
    ]);
    // Least data: no ID number (a G number's own, part of the identifier, aside), no birth date, no phone.
    const everything = Object.values(entries).join('\n');
    for (const student of all.filter((each) => each.idNumber)) expect(everything.replaceAll(`G${student.idNumber}`, '')).not.toContain(student.idNumber);
    expect(everything).not.toContain('13800138000');
  });
});

describe('refusals', () => {
  it('a teacher gets 403, another county’s admin 403 (a missing organisation 404), a kind the organisation is not exported as 422, a format the kind is not made in 400', async () => {
    for (const body of [
      { kind: 'photos', orgId: classIds[0], format: 'zip' },
      { kind: 'captureList', orgId: classIds[0], format: 'xlsx' },
      { kind: 'oneRoster', orgId: SCHOOL, format: 'zip' },
    ]) {
      const reply = await request(tokens.teacher, body);
      expect([reply.status, reply.body.error?.code], body.kind).toEqual([403, 'ROLE_NOT_ALLOWED']);
    }
    // Another county's admin: the organisation is out of its scope (organisations are not secret:
    // 403 OUT_OF_SCOPE, as for reading them); one that does not exist: 404.
    const yuexiu = await login('yuexiu-admin');
    for (const body of [
      { kind: 'photos', orgId: gradeId, format: 'zip' },
      { kind: 'oneRoster', orgId: SCHOOL, format: 'zip' },
    ]) {
      const reply = await request(yuexiu, body);
      expect([reply.status, reply.body.error?.code], body.kind).toEqual([403, 'OUT_OF_SCOPE']);
    }
    expect((await request(tokens.registrar, { kind: 'photos', orgId: `${gradeId}-C99`, format: 'zip' })).status).toBe(404);
    for (const body of [
      { kind: 'photos', orgId: SCHOOL, format: 'zip' },
      { kind: 'oneRoster', orgId: gradeId, format: 'zip' },
      { kind: 'captureList', orgId: COUNTY, format: 'xlsx' },
    ]) {
      const reply = await request(await login('tianhe-admin'), body);
      expect([reply.status, reply.body.error?.code, reply.body.error?.fields.map((field) => field.code)], body.kind).toEqual([422, 'VALIDATION_FAILED', ['org_kind']]);
    }
    // The request's schema knows each kind's formats: a PDF of photos is a bad request, refused before any access check.
    for (const body of [
      { kind: 'photos', orgId: gradeId, format: 'pdf' },
      { kind: 'oneRoster', orgId: SCHOOL, format: 'csv' },
      { kind: 'captureList', orgId: gradeId, format: 'zip' },
    ]) {
      const reply = await request(tokens.registrar, body);
      expect([reply.status, reply.body.error?.code, reply.body.error?.fields.map((field) => field.path)], `${body.kind} ${body.format}`).toEqual([400, 'VALIDATION_FAILED', ['format']]);
    }
  });
});
