import { getImportRoute } from '#shared/api/imports.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { importView } from '#shared/services/imports/read.ts';

export const handler = apiHandler(getImportRoute, async ({ principal, params }) => ({ body: await importView(principal, params.importId) }));
