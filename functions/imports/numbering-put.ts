import { putNumberingRoute } from '#shared/api/imports.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { setNumbering } from '#shared/services/imports/numbering.ts';

export const handler = apiHandler(putNumberingRoute, async ({ principal, params, body }) => ({ body: await setNumbering(principal, params.schoolId, body) }));
