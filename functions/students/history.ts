import { studentHistoryRoute } from '#shared/api/students.ts';
import { studentHistory } from '#shared/data/student-repo.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { loadStudentFor } from '#shared/services/students/access.ts';

export const handler = httpHandler(studentHistoryRoute, async ({ principal, params, query }) => {
  const record = await loadStudentFor(principal, params.studentId, 'student.readFull');
  return { body: await studentHistory(record.studentId, query) };
});
