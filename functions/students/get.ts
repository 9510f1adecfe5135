import { getStudentRoute } from '#shared/api/students.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { loadStudentFor } from '#shared/services/students/access.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';

export const handler = httpHandler(getStudentRoute, async ({ principal, params }) => {
  const record = await loadStudentFor(principal, params.studentId, 'student.read');
  return { body: presentStudent(record, principal), headers: { etag: etagOf(record) } };
});
