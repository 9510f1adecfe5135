// A student's submitted grades (of a term, or all for a transcript): the student itself, its
// class's advisor and teachers, and the offices in scope, as for the record.
import { studentGrades, type StudentGrade } from '#shared/data/grade-repo.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { loadStudentFor } from '../students/access.ts';

export async function gradesOfStudent(principal: Principal, studentId: string, term?: string): Promise<StudentGrade[]> {
  await loadStudentFor(principal, studentId, 'student.read');
  return studentGrades(studentId, term);
}
