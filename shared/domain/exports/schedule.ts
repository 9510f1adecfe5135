// Export schedules (定时导出): an export of an organisation's records made again and again, at the
// times a cron expression names in China time (a bureau's roster every Monday at 7:00: `0 7 * * 1`).
// Stored as data and run by the scheduler (shared/services/exports/schedules.ts): each run is an
// ordinary export job, in the export list with its file. Pure.
import { Cron } from 'croner';
import type { JobCreator } from '../jobs.ts';
import type { ExportFormat, OrgExportKind } from './kinds.ts';

/** Schedules are read in China time whatever the region the deployment runs in. */
export const SCHEDULE_TIMEZONE = 'Asia/Shanghai';

export interface ScheduleRun {
  at: string;
  /** The export job the run started. */
  jobId?: string;
  /** Why the run started no job (its creator may no longer export this). */
  error?: string;
}

export interface ExportSchedule {
  scheduleId: string;
  kind: OrgExportKind;
  orgId: string;
  format: ExportFormat;
  /** Five fields: minute hour day-of-month month day-of-week, in China time. */
  cron: string;
  createdBy: JobCreator;
  createdAt: string;
  /** When it runs next (UTC): the scheduler starts runs whose time has come. */
  nextRunAt: string;
  lastRun?: ScheduleRun;
}

/**
 * Why a cron expression is refused, or undefined: five fields croner reads, and a fixed minute, so
 * a schedule runs at most once an hour (an export every minute would only fill the bucket).
 */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return '定时规则应为 5 段：分 时 日 月 周 (如 0 7 * * 1 表示每周一 7:00)';
  if (!/^([0-9]|[1-5][0-9])$/.test(fields[0]!)) return '“分”应为 0 至 59 的一个数：定时导出每小时至多一次';
  try {
    const next = new Cron(fields.join(' '), { timezone: SCHEDULE_TIMEZONE, paused: true }).nextRun(new Date());
    if (!next) return '该定时规则不会再运行';
  } catch {
    return '定时规则无法识别 (分 时 日 月 周，如 0 7 * * 1)';
  }
  return undefined;
}

/** The first time after `after` the expression names (UTC ISO). Only for expressions cronProblem passed. */
export function nextRunAfter(cron: string, after: Date): string {
  const next = new Cron(cron.trim().split(/\s+/).join(' '), { timezone: SCHEDULE_TIMEZONE, paused: true }).nextRun(after);
  if (!next) throw new Error('the schedule never runs again');
  return next.toISOString();
}
