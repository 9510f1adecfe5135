import { addEvidenceRoute } from '#shared/api/evidence.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { addEvidence } from '#shared/services/changes/evidence.ts';

export const handler = apiHandler(addEvidenceRoute, async ({ principal, params, body }) => ({ status: 201, body: await addEvidence(principal, params.changeId, body) }));
