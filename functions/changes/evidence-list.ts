import { listEvidenceRoute } from '#shared/api/evidence.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { listEvidence } from '#shared/services/changes/evidence.ts';

export const handler = apiHandler(listEvidenceRoute, async ({ principal, params }) => ({ body: await listEvidence(principal, params.changeId) }));
