import { acceptCorrectionRoute } from '#shared/api/corrections.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { acceptCorrection } from '#shared/services/students/corrections.ts';
import { etagOf, presentStudent } from '#shared/services/students/present.ts';

export const handler = httpHandler(acceptCorrectionRoute, async ({ principal, params, body }) => {
  const { correction, record } = await acceptCorrection(principal, params.studentId, params.correctionId, body.comment);
  return { body: { correction, student: presentStudent(record, principal) }, headers: { etag: etagOf(record) } };
});
