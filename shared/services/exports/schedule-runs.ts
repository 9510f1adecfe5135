// Runs of export schedules (定时导出), by the scheduler (functions/change-timers, every minute) as
// their creator: each run is the export its creator would request at that moment, so a creator who
// lost the right (moved, role changed, account gone) gets a run noted with why, and no file.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { getPrincipal } from '#shared/data/directory-repo.ts';
import { dueScheduleIds, getSchedule, scheduleRunWrites } from '#shared/data/export-schedule-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { nextRunAfter, type ExportSchedule, type ScheduleRun } from '#shared/domain/exports/schedule.ts';
import { ApiError } from '#shared/http/api-error.ts';
import { logger } from '#shared/http/logger.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { requestOf } from './schedules.ts';
import { startExport } from './start.ts';

/**
 * Runs one schedule: the export as its creator would request it now. On time (`byHand` false) the
 * schedule moves to its next time in the same transaction, so a run is started once however many
 * schedulers see it; by hand (the local `POST /local/schedules/{id}/run`) it keeps its time.
 * Returns the run, or undefined when another run got there first.
 */
export async function runSchedule(schedule: ExportSchedule, now: Date, byHand: boolean): Promise<ScheduleRun | undefined> {
  const next = byHand ? undefined : nextRunAfter(schedule.cron, now);
  const at = now.toISOString();
  const noted = async (run: ScheduleRun) => {
    await commitWithAudit(tableName(RECORDS_TABLE), scheduleRunWrites(schedule, run, next), {
      entity: { type: 'EXPORTSCHEDULE', id: schedule.scheduleId },
      actor: { userId: 'system', displayName: '定时导出', role: 'system' },
      action: 'exportSchedule.run',
      changes: [],
      reason: run.error ?? '',
    });
    return run;
  };
  try {
    const creator = await getPrincipal(schedule.createdBy.userId);
    if (!creator) return await noted({ at, error: '创建者的账号已不存在' });
    try {
      const job = await startExport(creator, requestOf(schedule), { scheduleId: schedule.scheduleId, writes: (jobId) => scheduleRunWrites(schedule, { at, jobId }, next) });
      return { at, jobId: job.jobId };
    } catch (error) {
      if (error instanceof ApiError) return await noted({ at, error: `创建者已不能导出：${error.message}` });
      throw error;
    }
  } catch (error) {
    if (error instanceof TransactionConflict) return undefined;
    throw error;
  }
}

/** The scheduler's minute: every schedule whose time has come, one at a time; a failure of one does not stop the others. */
export async function runDueSchedules(now = new Date()): Promise<number> {
  let started = 0;
  for (const scheduleId of await dueScheduleIds(now.toISOString(), 50)) {
    const schedule = await getSchedule(scheduleId);
    if (!schedule || schedule.nextRunAt > now.toISOString()) continue;
    try {
      if ((await runSchedule(schedule, now, false))?.jobId) started += 1;
    } catch (error) {
      logger.error(`scheduled export ${scheduleId} not started; the next minute tries again`, error as Error);
    }
  }
  return started;
}
