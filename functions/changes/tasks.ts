import { listTasksRoute } from '#shared/api/changes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { inbox } from '#shared/services/changes/read.ts';

export const handler = apiHandler(listTasksRoute, async ({ principal, query }) => ({ body: await inbox(principal, query) }));
