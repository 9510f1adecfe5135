// An import as its registrar reads it: the file, its latest job, how many rows were created,
// skipped and refused, the first row errors, and the report's link.
import { getJob } from '#shared/data/job-repo.ts';
import { rowErrorsHeadKey, type RowError } from '#shared/domain/imports/import.ts';
import { isFinished } from '#shared/domain/jobs.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { presentJob } from '../jobs/access.ts';
import { loadImportFor } from './access.ts';
import { findObjectJson } from './chunk-files.ts';
import { reportLink } from './link.ts';
import type { ImportState } from './run.ts';

export const presentImport = ({ importId, schoolId, fileName, format, size, createdBy, createdAt, jobId, runJobId }: Awaited<ReturnType<typeof loadImportFor>>) => ({
  importId,
  schoolId,
  fileName,
  format,
  size,
  createdBy: { userId: createdBy.userId, displayName: createdBy.displayName },
  createdAt,
  ...(jobId ? { jobId } : {}),
  ...(runJobId ? { runJobId } : {}),
});

export async function importView(principal: Principal, importId: string) {
  const record = await loadImportFor(principal, importId);
  const job = record.jobId ? await getJob(record.jobId) : undefined;
  const state = job?.state as ImportState | undefined;
  // Written once the check is over; until then there is nothing to show.
  const errors = job && (isFinished(job.status) || state?.phase !== 'check') ? await findObjectJson<{ count: number; head: RowError[] }>(rowErrorsHeadKey(importId, job.jobId)) : undefined;
  const reportUrl = job ? await reportLink(job) : null;
  return {
    ...presentImport(record),
    job: job ? presentJob({ ...job, resultUrl: reportUrl }) : null,
    dryRun: job ? Boolean((job.request as { dryRun?: boolean }).dryRun) : null,
    rowsRead: state?.rowsRead ?? state?.rows ?? 0,
    created: state?.created ?? 0,
    skipped: state?.skipped ?? 0,
    failed: state?.failed ?? 0,
    ready: state?.ready ?? 0,
    rowErrors: errors?.head ?? [],
    rowErrorCount: errors?.count ?? 0,
    reportUrl,
  };
}
