import { listProblemEvidenceRoute } from '#shared/api/problems.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { listProblemEvidence } from '#shared/services/problems/evidence.ts';

export const handler = apiHandler(listProblemEvidenceRoute, async ({ principal, params }) => ({ body: await listProblemEvidence(principal, params.problemId) }));
