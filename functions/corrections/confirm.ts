import { confirmRecordRoute } from '#shared/api/corrections.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { confirmRecord } from '#shared/services/students/corrections.ts';
import { expectedVersion } from '#shared/services/students/if-match.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';

export const handler = apiHandler(confirmRecordRoute, async ({ principal, params, event }) => {
  const record = await confirmRecord(principal, params.studentId, expectedVersion(event.headers['if-match'], true)!);
  return { body: presentStudent(record, principal), headers: { etag: etagOf(record) } };
});
