import { getStatsRoute } from '#shared/api/stats.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { orgStatistics } from '#shared/services/stats/read.ts';

export const handler = apiHandler(getStatsRoute, async ({ principal, query }) => ({ body: await orgStatistics(principal, query) }));
