import { listExportsRoute } from '#shared/api/exports.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { listExports } from '#shared/services/exports/list.ts';

export const handler = apiHandler(listExportsRoute, async ({ principal, query }) => ({ body: await listExports(principal, query.orgId, { limit: query.limit, cursor: query.cursor }) }));
