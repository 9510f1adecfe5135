import { getNumberingRoute } from '#shared/api/imports.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { readNumbering } from '#shared/services/imports/numbering.ts';

export const handler = apiHandler(getNumberingRoute, async ({ principal, params }) => ({ body: await readNumbering(principal, params.schoolId) }));
