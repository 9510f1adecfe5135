import { updateStudentRoute } from '#shared/api/students.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { expectedVersion } from '#shared/services/students/if-match.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';
import { updateStudent } from '#shared/services/students/update.ts';

export const handler = apiHandler(updateStudentRoute, async ({ principal, params, body, event }) => {
  const expected = expectedVersion(event.headers['if-match'], true)!;
  const record = await updateStudent(principal, params.studentId, expected, body);
  return { body: presentStudent(record, principal), headers: { etag: etagOf(record) } };
});
