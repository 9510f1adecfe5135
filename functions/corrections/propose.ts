import { proposeCorrectionRoute } from '#shared/api/corrections.ts';
import { getCorrection } from '#shared/data/correction-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { presentCorrection, proposeCorrection } from '#shared/services/students/corrections.ts';

export const handler = apiHandler(
  proposeCorrectionRoute,
  async ({ principal, params, body }) => ({ status: 201, body: presentCorrection(await proposeCorrection(principal, params.studentId, body)) }),
  {
    // A proposal creates STUDENT#<id> / CORRECTION#<correctionId>.
    idempotent: async ({ PK, SK }) => jsonResponse(201, presentCorrection((await getCorrection(PK.slice('STUDENT#'.length), SK.slice('CORRECTION#'.length)))!)),
  },
);
