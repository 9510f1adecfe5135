// A section's grade sheet (登分表) from the records: the section, its sheet, its roster (the
// students' order and seat numbers), the school's and the class's names.
import { getOrg } from '#shared/data/directory-repo.ts';
import { getSheet } from '#shared/data/grade-repo.ts';
import { getStudent } from '#shared/data/student-repo.ts';
import { getSection } from '#shared/data/teaching-repo.ts';
import { gradeSheetDocument, type SheetStudent } from '#shared/domain/exports/grade-sheet.ts';
import { JobFailure } from '../../jobs/run.ts';
import { rosterOf } from '../../teaching/read.ts';
import { tableExport } from '../renderers.ts';

export const gradeSheetContent = tableExport<'gradeSheet'>(async (request) => {
  const section = await getSection(request.sectionId, true);
  if (!section) throw new JobFailure('教学班已不存在');
  const [sheet, roster, school, klass] = await Promise.all([getSheet(section.sectionId, true), rosterOf(section), getOrg(section.schoolId), getOrg(section.classId)]);
  const grades = sheet?.grades ?? [];
  const students: SheetStudent[] = roster.map((entry) => ({ studentId: entry.studentId, name: entry.name, seatNo: entry.classSeatNo }));
  // Graded, but no longer on the class's roster (moved on since): named from their records.
  const listed = new Set(students.map((student) => student.studentId));
  for (const grade of grades.filter((item) => !listed.has(item.studentId))) {
    students.push({ studentId: grade.studentId, name: (await getStudent(grade.studentId))?.name ?? '' });
  }
  return gradeSheetDocument({
    schoolName: school?.name ?? section.schoolId,
    className: klass?.name ?? section.classId,
    courseName: section.courseName,
    credits: section.credits,
    term: section.term,
    teacherName: section.teacherName,
    status: sheet?.status ?? 'draft',
    submittedAt: sheet?.submittedAt,
    students,
    grades,
  });
});
