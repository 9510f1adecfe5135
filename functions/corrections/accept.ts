import { acceptCorrectionRoute } from '#shared/api/corrections.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { acceptCorrection, presentCorrection } from '#shared/services/students/corrections.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';

export const handler = apiHandler(acceptCorrectionRoute, async ({ principal, params, body }) => {
  const { correction, record } = await acceptCorrection(principal, params.studentId, params.correctionId, body.comment);
  return { body: { correction: presentCorrection(correction), student: presentStudent(record, principal) }, headers: { etag: etagOf(record) } };
});
