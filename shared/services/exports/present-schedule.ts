// An export schedule as callers see it: who made it by name, not their organisation's path.
import type { ExportSchedule } from '#shared/domain/exports/schedule.ts';

export function presentSchedule(schedule: ExportSchedule) {
  const { scheduleId, kind, orgId, format, cron, createdBy, createdAt, nextRunAt, lastRun } = schedule;
  return { scheduleId, kind, orgId, format, cron, createdBy: createdBy.displayName, createdAt, nextRunAt, ...(lastRun ? { lastRun } : {}) };
}
