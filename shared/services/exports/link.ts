// The download link of a finished export, made when its job is read and never stored: valid five
// minutes, and only for a reader who may still export the same thing and see what the file shows
// (a job is visible to the organisations above its creator, who need not be allowed the file).
// The link holds the job's id only; the file's name is stored with the file.
import { presignStoredGet } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { EXPORT_KEEP_DAYS, EXPORT_LINK_SECONDS, exportKept, type ExportRequest } from '#shared/domain/exports/kinds.ts';
import type { Job } from '#shared/domain/jobs.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ApiError } from '#shared/http/api-error.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { authorizeExport } from './registry.ts';
import type { ExportState } from './start.ts';

/** The deployment's choice (EXPORT_KEEP_DAYS, the same number as the bucket's lifecycle rule), else the default. */
const keepDays = () => Number(process.env.EXPORT_KEEP_DAYS) || EXPORT_KEEP_DAYS;

export async function exportLink(principal: Principal, job: Job): Promise<string | null> {
  const state = job.state as ExportState | undefined;
  if (job.status !== 'succeeded' || !state?.key || !job.completedAt || !exportKept(job.completedAt, Date.now(), keepDays())) return null;
  try {
    const grant = await authorizeExport(principal, job.request as ExportRequest);
    if (state.full && !grant.full) return null;
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
  return presignStoredGet(bucketName(FILES_BUCKET), state.key, EXPORT_LINK_SECONDS);
}
