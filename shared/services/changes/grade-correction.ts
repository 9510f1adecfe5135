// A grade correction (成绩更正) checked at filing: only the section's teacher files one, for a
// student's submitted grade of that section, and only to a different value. The case keeps what
// it corrects (course, term, the old value) so every party reads it without the sheet.
import { getStudentGrade } from '#shared/data/grade-repo.ts';
import { getStudent } from '#shared/data/student-repo.ts';
import { getSection } from '#shared/data/teaching-repo.ts';
import { gradeText, type GradeValue } from '#shared/domain/grades/sheet.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import type { NewChange } from '#shared/api/changes.ts';
import { badRequest, forbidden, notFound, ruleViolation } from '#shared/http/api-error.ts';
import { mayRead } from '../teaching/access.ts';

type Correction = Extract<NewChange, { type: 'gradeCorrection' }>;

const valueOf = (grade: GradeValue | { score?: number | undefined; mark?: string | undefined }): GradeValue => (grade.mark !== undefined ? { mark: grade.mark as NonNullable<GradeValue['mark']> } : { score: grade.score! });

export async function correctedGrade(principal: Principal, input: Correction): Promise<{ record: StudentRecord; request: Record<string, unknown> }> {
  const section = await getSection(input.sectionId, true);
  if (!section || !mayRead(principal, section)) throw notFound('教学班不存在');
  if (section.teacherId !== principal.userId) throw forbidden('NOT_SECTION_TEACHER', '成绩更正由该教学班的任课教师申请');
  const grade = await getStudentGrade(input.studentId, section.term, section.sectionId);
  const record = grade ? await getStudent(input.studentId) : undefined;
  if (!grade || !record) throw ruleViolation('NOT_ON_ROSTER', '该学生在本教学班没有已提交的成绩', [{ path: 'studentId', code: 'no_submitted_grade', message: '没有已提交的成绩' }]);
  const old = valueOf(grade);
  const corrected = valueOf(input);
  if (gradeText(old) === gradeText(corrected)) throw badRequest('NO_CHANGES', `更正后的成绩与原成绩 (${gradeText(old)}) 相同`, [{ path: input.mark ? 'mark' : 'score', code: 'unchanged', message: '与原成绩相同' }]);
  return { record, request: { courseName: section.courseName, term: section.term, old } };
}
