import { createExportScheduleRoute } from '#shared/api/exports.ts';
import { getSchedule } from '#shared/data/export-schedule-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { presentSchedule } from '#shared/services/exports/present-schedule.ts';
import { createSchedule } from '#shared/services/exports/schedules.ts';

export const handler = apiHandler(
  createExportScheduleRoute,
  async ({ principal, body }) => ({ status: 201, body: presentSchedule(await createSchedule(principal, body)) }),
  {
    // The schedule item (EXPORTSCHEDULE#<id>) is what the request created: a replay answers it as it is now.
    idempotent: async ({ PK }) => {
      const schedule = await getSchedule(PK.slice('EXPORTSCHEDULE#'.length));
      return jsonResponse(201, schedule ? presentSchedule(schedule) : { error: { code: 'NOT_FOUND', message: '定时导出已被删除' } });
    },
  },
);
