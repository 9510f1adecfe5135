import { rejectCorrectionRoute } from '#shared/api/corrections.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { presentCorrection, rejectCorrection } from '#shared/services/students/corrections.ts';

export const handler = apiHandler(rejectCorrectionRoute, async ({ principal, params, body }) => ({
  body: presentCorrection(await rejectCorrection(principal, params.studentId, params.correctionId, body.comment)),
}));
