import { deleteExportScheduleRoute } from '#shared/api/exports.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { deleteSchedule } from '#shared/services/exports/schedules.ts';

export const handler = apiHandler(deleteExportScheduleRoute, async ({ principal, params }) => {
  await deleteSchedule(principal, params.scheduleId);
  return { body: { scheduleId: params.scheduleId, deleted: true as const } };
});
