// Requesting an export: the kind's access check, then a job (queued) that the exports function
// works through (worker.ts), with its entry in the organisation's export list in the same
// transaction. What the caller may see is decided now and kept with the job, so the file shows
// what its requester may see, whoever reads the job later.
import type { TransactItem } from '#shared/data/audit.ts';
import { exportEntryPut } from '#shared/data/export-list-repo.ts';
import { EXPORT_KIND_LABEL, type ExportRequest } from '#shared/domain/exports/kinds.ts';
import type { Job } from '#shared/domain/jobs.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { startJob } from '../jobs/start.ts';
import { authorizeExport } from './registry.ts';

/** The worker's state: what the file may show; once made, where it is. */
export interface ExportState {
  full: boolean;
  key?: string;
  size?: number;
}

/** A scheduled run: its schedule, and the schedule's own writes (given the job's id), which commit with the job or not at all. */
export interface ScheduledRun {
  scheduleId: string;
  writes: (jobId: string) => TransactItem[];
}

export async function startExport(principal: Principal, request: ExportRequest, run?: ScheduledRun): Promise<Job> {
  const grant = await authorizeExport(principal, request);
  const state: ExportState = { full: grant.full };
  const createdAt = new Date().toISOString();
  return startJob(principal, {
    kind: 'export',
    orgId: grant.orgId,
    request: { ...request },
    state,
    reason: run ? `定时导出${EXPORT_KIND_LABEL[request.kind]}` : `导出${EXPORT_KIND_LABEL[request.kind]}`,
    alongside: (jobId) => [
      exportEntryPut({
        jobId,
        orgId: grant.orgId,
        kind: request.kind,
        format: request.format,
        createdAt,
        createdBy: { userId: principal.userId, displayName: principal.displayName, orgPath: principal.orgPath },
        ...(run ? { scheduleId: run.scheduleId } : {}),
      }),
      ...(run?.writes(jobId) ?? []),
    ],
  });
}
