import { studentGradesRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { gradesOfStudent } from '#shared/services/grades/student-grades.ts';

export const handler = apiHandler(studentGradesRoute, async ({ principal, params, query }) => {
  const grades = await gradesOfStudent(principal, params.studentId, query.term);
  return { body: { items: grades.map(({ studentId: _studentId, submittedAt: _at, ...grade }) => ({ ...grade, makeup: grade.makeup ?? null })) } };
});
