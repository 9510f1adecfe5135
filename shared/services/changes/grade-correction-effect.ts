// An approved grade correction: the student's grade takes the corrected value (whether it passed,
// and whether it is on the make-up list, follow it; a make-up result already entered stays), and
// so does the locked sheet, under the version read. The student's history keeps old and new.
import type { AuditEntry, TransactItem } from '#shared/data/audit.ts';
import { getSheet, getStudentGrade, putStudentGrade, replaceSheet } from '#shared/data/grade-repo.ts';
import type { StatusChange } from '#shared/domain/changes/case.ts';
import { gradeText, type Grade, type GradeValue } from '#shared/domain/grades/sheet.ts';

export class GradeGone extends Error {}

export async function gradeCorrectionWrites(change: StatusChange): Promise<{ writes: TransactItem[]; changes: AuditEntry['changes'] }> {
  const request = change.request as { sectionId: string; term: string; courseName: string; score?: number; mark?: Grade['mark'] };
  const [grade, sheet] = await Promise.all([getStudentGrade(change.studentId, request.term, request.sectionId), getSheet(request.sectionId, true)]);
  if (!grade || !sheet) throw new GradeGone();
  const corrected: GradeValue = request.mark ? { mark: request.mark } : { score: request.score! };
  const old: GradeValue = grade.mark ? { mark: grade.mark } : { score: grade.score! };
  const grades = sheet.grades.map((entry) => (entry.studentId === change.studentId ? { studentId: entry.studentId, ...corrected } : entry));
  const item = putStudentGrade(sheet, { studentId: change.studentId, name: grade.name, ...corrected }, grade.submittedAt);
  if (grade.makeup) Object.assign(item.Put!.Item!, { makeup: grade.makeup });
  return {
    writes: [item, replaceSheet({ ...sheet, grades, version: sheet.version + 1 }, sheet.version)],
    changes: [{ field: `grades.${request.sectionId}`, old: `${request.courseName} (${request.term})：${gradeText(old)}`, new: `${request.courseName} (${request.term})：${gradeText(corrected)}` }],
  };
}
