import { studentHistoryRoute } from '#shared/api/students.ts';
import { studentHistory } from '#shared/data/student-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { loadStudentFor } from '#shared/services/students/access.ts';

export const handler = apiHandler(studentHistoryRoute, async ({ principal, params, query }) => {
  const record = await loadStudentFor(principal, params.studentId, 'student.readFull');
  return { body: await studentHistory(record.studentId, query) };
});
