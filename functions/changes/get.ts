import { getChangeRoute } from '#shared/api/changes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { loadCaseFor, presentChange } from '#shared/services/changes/access.ts';

export const handler = apiHandler(getChangeRoute, async ({ principal, params }) => ({ body: presentChange(await loadCaseFor(principal, params.changeId)) }));
