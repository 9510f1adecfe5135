import { deleteStudentRoute } from '#shared/api/students.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { expectedVersion } from '#shared/services/students/if-match.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';
import { deleteStudent } from '#shared/services/students/remove.ts';

export const handler = apiHandler(deleteStudentRoute, async ({ principal, params, body, event }) => {
  const record = await deleteStudent(principal, params.studentId, expectedVersion(event.headers['if-match'], false), body.reason);
  return { body: presentStudent(record, principal), headers: { etag: etagOf(record) } };
});
