import { approveChangeRoute } from '#shared/api/changes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { presentChange } from '#shared/services/changes/access.ts';
import { approveChange } from '#shared/services/changes/decide.ts';

export const handler = apiHandler(approveChangeRoute, async ({ principal, params, body }) => ({ body: presentChange(await approveChange(principal, params.changeId, body.comment)) }));
