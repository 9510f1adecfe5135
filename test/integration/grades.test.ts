// Grade sheets (登分表) over HTTP against the local stack, in a class of this file's own: only the
// section's teacher enters grades, only for students on the roster, as scores (0 to 100, one
// decimal) or marks; drafts save as often as needed; submitting needs every student graded, locks
// the sheet, and puts each grade in the student's grades. Submitting again answers the same sheet.
// The failed and absent students land on the make-up list once; the sitting's results show beside
// the original grades.
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Reply } from '../support/api.ts';
import { newStudent } from '../support/students.ts';

interface Sheet {
  sectionId: string;
  status: string;
  version: number;
  grades: { studentId: string; name: string; score?: number; mark?: string; passed: boolean }[];
}
interface ErrorBody {
  error: { code: string; details?: Record<string, unknown>; fields: { path: string }[] };
}

const SCHOOL = '2144010601';
const year = 2100 + randomInt(800);
const TERM = `${year}-${year + 1}-2`;
const NAMES = ['成绩甲', '成绩乙', '成绩丙'];

let registrar: string;
let teacher: string;
let sectionId: string;
type Student = { studentId: string; name: string };
let students: Student[];
let stranger: string;
let courseId: string;

async function put(token: string, grades: unknown[]): Promise<Reply<Sheet & ErrorBody>> {
  return call('PUT', `/v1/sections/${sectionId}/grades`, { token, body: { grades } });
}

beforeAll(async () => {
  registrar = await login('registrar-th-shiyan');
  teacher = await login('teacher-th-shiyan');
  // A class of its own in the third grade (another suite adds random classes there too: a taken number is tried again).
  let classId = '';
  for (let attempt = 0; !classId; attempt += 1) {
    const number = randomInt(10, 100);
    const klass = await call<{ orgId: string }>('POST', `/v1/orgs/${SCHOOL}-G2024/children`, { token: registrar, body: { code: String(number), name: `三年级(${number})班` } });
    if (klass.status === 201) classId = klass.body.orgId;
    else expect(klass.status === 409 && attempt < 5, JSON.stringify(klass.body)).toBe(true);
  }
  students = [];
  for (const name of NAMES) {
    const enrolled = await call<{ studentId: string; name: string }>('POST', '/v1/students', { token: registrar, body: newStudent({ name, classId, enrolledOn: '2024-09' }) });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    students.push(enrolled.body);
  }
  stranger = (await call<{ items: { studentId: string }[] }>('GET', `/v1/students?classId=${SCHOOL}-G2026-C01&limit=1`, { token: registrar })).body.items[0]!.studentId;
  const teacherId = (await call<{ userId: string }>('GET', '/v1/me', { token: teacher })).body.userId;
  const course = await call<{ courseId: string }>('POST', '/v1/courses', { token: registrar, body: { schoolId: SCHOOL, code: `G${randomInt(1e6)}`, name: '计算机应用基础', credits: 2, hours: 32, assessment: 'exam' } });
  courseId = course.body.courseId;
  const section = await call<{ sectionId: string }>('POST', '/v1/sections', { token: registrar, body: { courseId: course.body.courseId, term: TERM, classId, teacherId, room: `G${randomInt(1e6)}`, slots: [{ day: 4, period: 3 }] } });
  expect(section.status, JSON.stringify(section.body)).toBe(201);
  sectionId = section.body.sectionId;
});

describe('a grade sheet', () => {
  it('is the section teacher’s, for students on its roster, with scores of one decimal or marks', async () => {
    const [a, b, c] = students as [Student, Student, Student];
    expect((await put(registrar, [{ studentId: a.studentId, score: 90 }])).body.error.code).toBe('NOT_SECTION_TEACHER');
    expect((await put(await login('teacher-th-huajing'), [{ studentId: a.studentId, score: 90 }])).status).toBe(404);
    const offRoster = await put(teacher, [{ studentId: a.studentId, score: 90 }, { studentId: stranger, score: 80 }]);
    expect([offRoster.status, offRoster.body.error.code, offRoster.body.error.fields.map((field) => field.path)]).toEqual([422, 'NOT_ON_ROSTER', ['grades.1.studentId']]);
    expect((await put(teacher, [{ studentId: a.studentId, score: 90.25 }])).status).toBe(400);
    expect((await put(teacher, [{ studentId: a.studentId, score: 101 }])).status).toBe(400);
    expect((await put(teacher, [{ studentId: a.studentId, mark: 'late' }])).status).toBe(400);
    expect((await put(teacher, [{ studentId: a.studentId, score: 90, mark: 'absent' }])).status).toBe(400);
    expect((await put(teacher, [{ studentId: a.studentId, score: 90 }, { studentId: a.studentId, score: 91 }])).status).toBe(400);

    const draft = await put(teacher, [{ studentId: a.studentId, score: 95.5 }, { studentId: b.studentId, score: 58 }]);
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1 });
    const again = await put(teacher, [{ studentId: a.studentId, score: 95.5 }, { studentId: b.studentId, score: 58 }]);
    expect(again.body.version).toBe(2);
    expect(again.headers.get('etag')).toBe('"2"');
    // With If-Match, a save over another window's newer one is refused and changes nothing.
    const stale = await call<ErrorBody>('PUT', `/v1/sections/${sectionId}/grades`, { token: teacher, body: { grades: [] }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    const read = await call<Sheet>('GET', `/v1/sections/${sectionId}/grades`, { token: registrar });
    expect(read.body.grades).toEqual([
      { studentId: a.studentId, name: NAMES[0], score: 95.5, passed: true },
      { studentId: b.studentId, name: NAMES[1], score: 58, passed: false },
    ]);

    // Submitting needs every student on the roster graded.
    const incomplete = await call<ErrorBody>('POST', `/v1/sections/${sectionId}/grades/submit`, { token: teacher });
    expect([incomplete.status, incomplete.body.error.code, incomplete.body.error.details]).toEqual([422, 'GRADES_INCOMPLETE', { studentIds: [c.studentId] }]);
    expect((await call<Sheet>('GET', `/v1/sections/${sectionId}/grades`, { token: teacher })).body.status).toBe('draft');
  });

  it('is locked once submitted, and each grade lands in the student’s grades', async () => {
    const [a, b, c] = students as [Student, Student, Student];
    expect((await put(teacher, [{ studentId: a.studentId, score: 95.5 }, { studentId: b.studentId, score: 58 }, { studentId: c.studentId, mark: 'absent' }])).status).toBe(200);
    const submitted = await call<Sheet>('POST', `/v1/sections/${sectionId}/grades/submit`, { token: teacher });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 4 });
    // A retry of the submission answers the same sheet; an edit is refused.
    expect((await call<Sheet>('POST', `/v1/sections/${sectionId}/grades/submit`, { token: teacher })).body).toEqual(submitted.body);
    expect((await put(teacher, [{ studentId: a.studentId, score: 99 }])).body.error.code).toBe('GRADES_LOCKED');

    const gradesOf = async (studentId: string, token = registrar) => call<{ items: { sectionId: string; score?: number; mark?: string; passed: boolean; makeup: null; courseName: string }[] }>('GET', `/v1/students/${studentId}/grades?term=${TERM}`, { token });
    expect((await gradesOf(a.studentId)).body.items).toEqual([{ sectionId, courseId: expect.any(String), courseName: '计算机应用基础', credits: 2, term: TERM, score: 95.5, passed: true, makeup: null }]);
    expect((await gradesOf(b.studentId)).body.items[0]).toMatchObject({ score: 58, passed: false });
    expect((await gradesOf(c.studentId)).body.items[0]).toMatchObject({ mark: 'absent', passed: false });
    // Another school sees nothing of them.
    expect((await gradesOf(a.studentId, await login('registrar-th-huajing'))).status).toBe(404);

    // The office sees where the term's sheets stand; a teacher does not.
    const overview = await call<{ items: { sectionId: string; status: string; graded: number }[] }>('GET', `/v1/grade-submissions?schoolId=${SCHOOL}&term=${TERM}`, { token: registrar });
    expect(overview.body.items.find((item) => item.sectionId === sectionId)).toMatchObject({ status: 'submitted', graded: 3 });
    expect((await call('GET', `/v1/grade-submissions?schoolId=${SCHOOL}&term=${TERM}`, { token: teacher })).status).toBe(403);
  });

  it('puts its failed and absent students on the make-up list once; the sitting’s results show beside the original', async () => {
    const [a, b, c] = students as [Student, Student, Student];
    const listOf = async (token = registrar) => call<{ items: { courseId: string; students: { studentId: string; reason: string }[]; sitting: unknown }[] } & ErrorBody>('GET', `/v1/makeup-exams?schoolId=${SCHOOL}&term=${TERM}`, { token });
    const list = await listOf();
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const course = list.body.items.find((item) => item.courseId === courseId)!;
    expect(course.students.map((student) => [student.studentId, student.reason]).sort()).toEqual([[b.studentId, 'failed'], [c.studentId, 'absent']].sort());
    expect(course.sitting).toBeNull();
    expect((await listOf(teacher)).status).toBe(403);

    const sitting = await call<{ makeupId: string; students: unknown[] } & ErrorBody>('POST', '/v1/makeup-exams', { token: registrar, body: { courseId, term: TERM, date: '2027-02-27', room: 'B201' } });
    expect(sitting.status, JSON.stringify(sitting.body)).toBe(201);
    expect(sitting.body.students).toHaveLength(2);
    expect((await call<ErrorBody>('POST', '/v1/makeup-exams', { token: registrar, body: { courseId, term: TERM, date: '2027-02-28', room: 'B202' } })).body.error.code).toBe('MAKEUP_EXISTS');
    const otherTerm = await call<ErrorBody>('POST', '/v1/makeup-exams', { token: registrar, body: { courseId, term: `${year}-${year + 1}-1`, date: '2027-02-28', room: 'B202' } });
    expect([otherTerm.status, otherTerm.body.error.code]).toEqual([422, 'NO_MAKEUP_STUDENTS']);
    expect((await listOf()).body.items.find((item) => item.courseId === courseId)?.sitting).toEqual({ makeupId: sitting.body.makeupId, date: '2027-02-27', room: 'B201' });
    // The students see when and where, beside their grade.
    const gradeOf = async (studentId: string) => (await call<{ items: { score?: number; mark?: string; makeup: unknown }[] }>('GET', `/v1/students/${studentId}/grades?term=${TERM}`, { token: registrar })).body.items[0];
    expect((await gradeOf(b.studentId))?.makeup).toEqual({ date: '2027-02-27', room: 'B201' });

    const results = (grades: unknown[]) => call<{ version: number } & ErrorBody>('PUT', `/v1/makeup-exams/${sitting.body.makeupId}/grades`, { token: registrar, body: { grades } });
    const notListed = await results([{ studentId: a.studentId, score: 80 }]);
    expect([notListed.status, notListed.body.error.code]).toEqual([422, 'NOT_ON_ROSTER']);
    const saved = await results([{ studentId: b.studentId, score: 75 }, { studentId: c.studentId, score: 61.5 }]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await gradeOf(b.studentId)).toMatchObject({ score: 58, makeup: { score: 75, date: '2027-02-27', room: 'B201' } });
    expect(await gradeOf(c.studentId)).toMatchObject({ mark: 'absent', makeup: { score: 61.5, date: '2027-02-27' } });
    expect((await gradeOf(a.studentId))?.makeup).toBeNull();
    // Saved again without c's result: c's is taken away, b's stays.
    expect((await results([{ studentId: b.studentId, score: 75 }])).status).toBe(200);
    expect((await gradeOf(c.studentId))?.makeup).toEqual({ date: '2027-02-27', room: 'B201' });
    expect(await gradeOf(b.studentId)).toMatchObject({ makeup: { score: 75 } });
  });

  it('changes a submitted grade only through a correction the teacher files and the school approves; history keeps old and new', async () => {
    const [, b] = students as [Student, Student, Student];
    const file = (token: string, body: Record<string, unknown>) => call<{ changeId: string; status: string; steps: { orgId: string; role: string }[] } & ErrorBody>('POST', '/v1/changes', { token, body: { type: 'gradeCorrection', sectionId, studentId: b.studentId, reason: '阅卷漏计一题', ...body } });
    expect((await file(registrar, { score: 65 })).body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect((await file(teacher, { score: 58 })).body.error.code).toBe('NO_CHANGES');
    expect((await file(teacher, { score: 65, mark: 'absent' })).status).toBe(400);
    const filed = await file(teacher, { score: 65 });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // One open correction per grade.
    expect((await file(teacher, { score: 70 })).body.error.code).toBe('CASE_OPEN');
    expect(filed.body.steps.map((step) => [step.orgId, step.role])).toEqual([[SCHOOL, 'school_registrar']]);
    // The teacher sees the case it filed; another school does not.
    expect((await call<{ items: { changeId: string }[] }>('GET', '/v1/changes?type=gradeCorrection', { token: teacher })).body.items.map((item) => item.changeId)).toContain(filed.body.changeId);
    expect((await call('GET', `/v1/changes/${filed.body.changeId}`, { token: await login('registrar-th-huajing') })).status).toBe(404);
    // Still 58 until approved.
    const gradeOf = async () => (await call<{ items: { score?: number; passed: boolean; makeup: unknown }[] }>('GET', `/v1/students/${b.studentId}/grades?term=${TERM}`, { token: registrar })).body.items[0]!;
    expect((await gradeOf()).score).toBe(58);

    expect((await call('POST', `/v1/changes/${filed.body.changeId}/approve`, { token: registrar, body: { comment: '同意' } })).status).toBe(200);
    await expect.poll(async () => (await call<{ status: string }>('GET', `/v1/changes/${filed.body.changeId}`, { token: teacher })).body.status, { timeout: 15_000 }).toBe('approved');
    expect(await gradeOf()).toMatchObject({ score: 65, passed: true, makeup: { score: 75, date: '2027-02-27' } });
    const sheet = await call<Sheet>('GET', `/v1/sections/${sectionId}/grades`, { token: teacher });
    expect(sheet.body.grades.find((grade) => grade.studentId === b.studentId)).toMatchObject({ score: 65, passed: true });
    const history = await call<{ items: { action: string; changeId?: string; changes: { field: string; old: unknown; new: unknown }[] }[] }>('GET', `/v1/students/${b.studentId}/history`, { token: registrar });
    const entry = history.body.items.find((item) => item.action === 'change.gradeCorrection')!;
    expect(entry).toMatchObject({ changeId: filed.body.changeId, changes: [{ field: `grades.${sectionId}`, old: `计算机应用基础 (${TERM})：58`, new: `计算机应用基础 (${TERM})：65` }] });
    // Passed now: no longer on the make-up list.
    const list = await call<{ items: { courseId: string; students: { studentId: string }[] }[] }>('GET', `/v1/makeup-exams?schoolId=${SCHOOL}&term=${TERM}`, { token: registrar });
    expect(list.body.items.find((item) => item.courseId === courseId)!.students.map((student) => student.studentId)).not.toContain(b.studentId);
  });
});
