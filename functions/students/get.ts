import { getStudentRoute } from '#shared/api/students.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { loadStudentFor } from '#shared/services/students/access.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';

export const handler = apiHandler(getStudentRoute, async ({ principal, params }) => {
  const record = await loadStudentFor(principal, params.studentId, 'student.read');
  return { body: presentStudent(record, principal), headers: { etag: etagOf(record) } };
});
