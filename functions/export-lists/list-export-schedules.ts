import { listExportSchedulesRoute } from '#shared/api/exports.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { presentSchedule } from '#shared/services/exports/present-schedule.ts';
import { listSchedules } from '#shared/services/exports/schedules.ts';

export const handler = apiHandler(listExportSchedulesRoute, async ({ principal, query }) => {
  const page = await listSchedules(principal, query.orgId, { limit: query.limit, cursor: query.cursor });
  return { body: { items: page.items.map(presentSchedule), nextCursor: page.nextCursor } };
});
