// Make-up exams (补考): the list comes from the submitted grades themselves (a failed, absent or
// cheating grade is in the school's make-up index of the term), so it is never out of step with
// them and names each student once per course. The school registrar schedules one sitting per
// course and term and enters its results, which are written beside each original grade.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { getSitting, makeupCandidates, putSitting, setMakeup } from '#shared/data/grade-repo.ts';
import { dynamo } from '#shared/data/dynamo-client.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { getCourse } from '#shared/data/teaching-repo.ts';
import { makeupIdOf, type MakeupSitting, type MakeupStudent } from '#shared/domain/grades/makeup.ts';
import { gradeText, type Grade } from '#shared/domain/grades/sheet.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, conflict, forbidden, notFound, preconditionFailed, ruleViolation } from '#shared/http/api-error.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { assertArranges, orgOfKind } from '../teaching/access.ts';

export interface MakeupCourse {
  courseId: string;
  courseName: string;
  students: Omit<MakeupStudent, 'gradeKey'>[];
  sitting: { makeupId: string; date: string; room: string } | null;
}

export async function makeupList(principal: Principal, schoolId: string, term: string): Promise<MakeupCourse[]> {
  const school = await orgOfKind(principal, schoolId, 'school', 'schoolId');
  const decision = decide(principal, 'grades.readSchool', { orgPath: school.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '补考名单由学校学籍 (教务) 管理员和上级教育行政部门查看');
  const byCourse = new Map<string, Omit<MakeupStudent, 'gradeKey'>[]>();
  for (const { courseId, gradeKey: _key, ...student } of await makeupCandidates(school.orgId, term)) byCourse.set(courseId, [...(byCourse.get(courseId) ?? []), student]);
  return Promise.all(
    [...byCourse].map(async ([courseId, students]) => {
      const [course, sitting] = await Promise.all([getCourse(courseId), getSitting(makeupIdOf({ courseId }, term))]);
      return { courseId, courseName: course?.name ?? courseId, students, sitting: sitting ? { makeupId: sitting.makeupId, date: sitting.date, room: sitting.room } : null };
    }),
  );
}

/** Grade notices per transaction (with the sitting, its audit entry and a key marker, under 100). */
const SITTING_CHUNK = 90;
const exists = (courseName: string) => conflict('MAKEUP_EXISTS', `“${courseName}”本学期已安排补考`, [{ path: 'courseId', code: 'duplicate', message: '本学期已安排补考' }]);

type SittingView = Omit<MakeupSitting, 'students'> & { students: Omit<MakeupStudent, 'gradeKey'>[] };
const present = ({ students, ...sitting }: MakeupSitting & { orgPath?: string }): SittingView => {
  const { orgPath: _orgPath, ...shown } = sitting;
  return { ...shown, students: students.map(({ gradeKey: _key, ...student }) => student) };
};

export async function scheduleMakeup(principal: Principal, input: { courseId: string; term: string; date: string; room: string }): Promise<SittingView> {
  const course = await getCourse(input.courseId);
  if (!course) throw ruleViolation('VALIDATION_FAILED', '课程不存在', [{ path: 'courseId', code: 'not_found', message: '课程不存在' }]);
  const school = await orgOfKind(principal, course.schoolId, 'school', 'courseId');
  assertArranges(principal, school);
  const students = (await makeupCandidates(school.orgId, input.term, course.courseId)).map(({ courseId: _courseId, ...student }) => student);
  if (students.length === 0) throw ruleViolation('NO_MAKEUP_STUDENTS', `“${course.name}”本学期没有需要补考的学生`);
  const sitting = { makeupId: makeupIdOf(course, input.term), schoolId: school.orgId, orgPath: school.orgPath, courseId: course.courseId, courseName: course.name, term: input.term, date: input.date, room: input.room, students, grades: [], version: 1 };
  if (await getSitting(sitting.makeupId, true)) throw exists(course.name);
  // Each student's grade learns the sitting (the student sees when and where); the sitting itself is
  // written last, with the last of them, so a crash before it leaves nothing a retry would trip on.
  const notices = students.map((student) => setMakeup(student.studentId, student.gradeKey, sitting));
  for (let start = 0; start + SITTING_CHUNK < notices.length; start += SITTING_CHUNK) {
    await dynamo.send(new TransactWriteCommand({ TransactItems: notices.slice(start, start + SITTING_CHUNK) }));
  }
  const last = notices.slice(Math.floor((notices.length - 1) / SITTING_CHUNK) * SITTING_CHUNK);
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [putSitting(sitting, 0), ...last], { entity: { type: 'MAKEUP', id: sitting.makeupId }, actor: actorOf(principal), action: 'makeup.schedule', changes: [{ field: 'date', old: null, new: sitting.date }, { field: 'room', old: null, new: sitting.room }] });
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') throw exists(course.name);
    throw error;
  }
  return present(sitting);
}

async function sittingFor(principal: Principal, makeupId: string) {
  const sitting = await getSitting(makeupId, true);
  if (!sitting || !decide(principal, 'grades.readSchool', { orgPath: sitting.orgPath }).allowed) throw notFound('补考安排不存在');
  return sitting;
}

export async function readSitting(principal: Principal, makeupId: string): Promise<SittingView> {
  return present(await sittingFor(principal, makeupId));
}

/** Enters the sitting's results (its grades become exactly these), each also beside the student's original grade. */
export async function saveMakeupGrades(principal: Principal, makeupId: string, grades: Grade[]): Promise<SittingView> {
  const before = await sittingFor(principal, makeupId);
  const school = await orgOfKind(principal, before.schoolId, 'school', 'makeupId');
  assertArranges(principal, school);
  const listed = new Map(before.students.map((student) => [student.studentId, student]));
  const seen = new Set<string>();
  const problems = grades.flatMap((grade, index) => {
    if (seen.has(grade.studentId)) return [{ path: `grades.${index}.studentId`, code: 'duplicate', message: '学生重复' }];
    seen.add(grade.studentId);
    return listed.has(grade.studentId) ? [] : [{ path: `grades.${index}.studentId`, code: 'not_on_roster', message: `学生 ${grade.studentId} 不在补考名单上` }];
  });
  if (problems.some((problem) => problem.code === 'duplicate')) throw badRequest('VALIDATION_FAILED', '同一学生出现了两次', problems.filter((problem) => problem.code === 'duplicate'));
  if (problems.length > 0) throw ruleViolation('NOT_ON_ROSTER', `${problems.length} 名学生不在补考名单上`, problems);
  const after = { ...before, grades, version: before.version + 1 };
  // Only the students whose result changed (or was taken away) hear of it. Beyond one transaction's
  // worth, the others go first: if this save fails before the sitting is written, the same request
  // again finds them still changed against the sitting and writes them again.
  const was = new Map(before.grades.map((grade) => [grade.studentId, gradeText(grade)]));
  const now = new Map(grades.map((grade) => [grade.studentId, grade]));
  const notices = [
    ...grades.filter((grade) => was.get(grade.studentId) !== gradeText(grade)).map((grade) => setMakeup(grade.studentId, listed.get(grade.studentId)!.gradeKey, before, grade)),
    ...before.grades.filter((grade) => !now.has(grade.studentId)).map((grade) => setMakeup(grade.studentId, listed.get(grade.studentId)!.gradeKey, before)),
  ];
  const lastChunk = Math.max(0, Math.floor((notices.length - 1) / SITTING_CHUNK) * SITTING_CHUNK);
  for (let start = 0; start < lastChunk; start += SITTING_CHUNK) {
    await dynamo.send(new TransactWriteCommand({ TransactItems: notices.slice(start, start + SITTING_CHUNK) }));
  }
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [putSitting(after, before.version), ...notices.slice(lastChunk)], {
      entity: { type: 'MAKEUP', id: makeupId },
      actor: actorOf(principal),
      action: 'makeup.grades',
      changes: [{ field: 'grades', old: before.grades.length, new: grades.length }],
    });
  } catch (error) {
    if (error instanceof TransactionConflict) throw preconditionFailed('补考成绩已被同时修改，请刷新后再保存');
    throw error;
  }
  return present(after);
}
