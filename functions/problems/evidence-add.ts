import { addProblemEvidenceRoute } from '#shared/api/problems.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { addProblemEvidence } from '#shared/services/problems/evidence.ts';

export const handler = apiHandler(addProblemEvidenceRoute, async ({ principal, params, body }) => ({ status: 201, body: await addProblemEvidence(principal, params.problemId, body) }));
