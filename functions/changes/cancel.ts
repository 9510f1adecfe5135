import { cancelChangeRoute } from '#shared/api/changes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { presentChange } from '#shared/services/changes/access.ts';
import { cancelChange } from '#shared/services/changes/decide.ts';

export const handler = apiHandler(cancelChangeRoute, async ({ principal, params, body }) => ({ body: presentChange(await cancelChange(principal, params.changeId, body.comment)) }));
