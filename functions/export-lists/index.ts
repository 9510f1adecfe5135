// Area entry: an organisation's export list (导出记录) and its export schedules (定时导出). Apart
// from Admin, which starts exports: only these routes carry the cron reader (croner).
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as createExportSchedule } from './create-export-schedule.ts';
import { handler as deleteExportSchedule } from './delete-export-schedule.ts';
import { handler as listExportSchedules } from './list-export-schedules.ts';
import { handler as listExports } from './list-exports.ts';

export const handler = dispatch(listExports, createExportSchedule, listExportSchedules, deleteExportSchedule);
