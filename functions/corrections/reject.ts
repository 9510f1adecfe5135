import { rejectCorrectionRoute } from '#shared/api/corrections.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { rejectCorrection } from '#shared/services/students/corrections.ts';

export const handler = httpHandler(rejectCorrectionRoute, async ({ principal, params, body }) => ({
  body: await rejectCorrection(principal, params.studentId, params.correctionId, body.comment),
}));
