import { rejectChangeRoute } from '#shared/api/changes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { presentChange } from '#shared/services/changes/access.ts';
import { rejectChange } from '#shared/services/changes/decide.ts';

export const handler = apiHandler(rejectChangeRoute, async ({ principal, params, body }) => ({ body: presentChange(await rejectChange(principal, params.changeId, body.comment)) }));
