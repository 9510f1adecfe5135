// Export schedules (定时导出): made by whoever may make the export now, seen and deleted by whoever
// may make the same export. Their runs are schedule-runs.ts (the scheduler's, not a request's).
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { getSchedule, orgSchedules, scheduleCreateWrites, scheduleDeleteWrites } from '#shared/data/export-schedule-repo.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { EXPORT_KIND_LABEL, type ExportFormat, type ExportRequest, type OrgExportKind } from '#shared/domain/exports/kinds.ts';
import { cronProblem, nextRunAfter, type ExportSchedule } from '#shared/domain/exports/schedule.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ApiError, notFound, ruleViolation } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { PageRequest } from '#shared/data/query-page.ts';
import { authorizeExport } from './registry.ts';

export interface NewSchedule {
  kind: OrgExportKind;
  orgId: string;
  format: ExportFormat;
  cron: string;
}

export const requestOf = (schedule: Pick<ExportSchedule, 'kind' | 'orgId' | 'format'>) => ({ kind: schedule.kind, orgId: schedule.orgId, format: schedule.format }) as ExportRequest;

/** Whether `principal` may make the schedule's export now (and so see and delete the schedule). */
async function mayExport(principal: Principal, schedule: Pick<ExportSchedule, 'kind' | 'orgId' | 'format'>): Promise<boolean> {
  try {
    await authorizeExport(principal, requestOf(schedule));
    return true;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}

export async function createSchedule(principal: Principal, input: NewSchedule): Promise<ExportSchedule> {
  const problem = cronProblem(input.cron);
  if (problem) throw ruleViolation('VALIDATION_FAILED', problem, [{ path: 'cron', code: 'invalid_cron', message: problem }]);
  const grant = await authorizeExport(principal, requestOf(input));
  const now = new Date();
  const schedule: ExportSchedule = {
    scheduleId: newSortableId(),
    kind: input.kind,
    orgId: grant.orgId,
    format: input.format,
    cron: input.cron.trim().split(/\s+/).join(' '),
    createdBy: { userId: principal.userId, displayName: principal.displayName, role: principal.role, orgId: principal.orgId, orgPath: principal.orgPath },
    createdAt: now.toISOString(),
    nextRunAt: nextRunAfter(input.cron, now),
  };
  await commitWithAudit(tableName(RECORDS_TABLE), scheduleCreateWrites(schedule), {
    entity: { type: 'EXPORTSCHEDULE', id: schedule.scheduleId },
    actor: { userId: principal.userId, displayName: principal.displayName, role: principal.role },
    action: 'exportSchedule.create',
    changes: [{ field: 'cron', old: null, new: schedule.cron }],
    reason: `定时导出${EXPORT_KIND_LABEL[schedule.kind]}`,
  });
  return schedule;
}

export async function listSchedules(principal: Principal, orgId: string, page: PageRequest): Promise<{ items: ExportSchedule[]; nextCursor: string | null }> {
  const org = await readableOrg(principal, orgId);
  const result = await orgSchedules(org.orgId, page);
  const visible = await Promise.all(result.items.map((schedule) => mayExport(principal, schedule)));
  return { items: result.items.filter((_, index) => visible[index]), nextCursor: result.nextCursor };
}

export async function deleteSchedule(principal: Principal, scheduleId: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const schedule = await getSchedule(scheduleId);
    if (!schedule || !(await mayExport(principal, schedule))) throw notFound('定时导出不存在或不在您的管辖范围内');
    try {
      await commitWithAudit(tableName(RECORDS_TABLE), scheduleDeleteWrites(schedule), {
        entity: { type: 'EXPORTSCHEDULE', id: schedule.scheduleId },
        actor: { userId: principal.userId, displayName: principal.displayName, role: principal.role },
        action: 'exportSchedule.delete',
        changes: [{ field: 'cron', old: schedule.cron, new: null }],
      });
      return;
    } catch (error) {
      // A run moved its time in between: read it again (a few times at most).
      if (!(error instanceof TransactionConflict) || attempt >= 3) throw error;
    }
  }
}
