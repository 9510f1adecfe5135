// The report of an import job, as a link made at each read (never stored), while the bucket keeps it.
import { presignStoredGet } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { IMPORT_KEEP_DAYS, REPORT_LINK_SECONDS, reportKey, type ImportRequest } from '#shared/domain/imports/import.ts';
import type { Job } from '#shared/domain/jobs.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';

export async function reportLink(job: Job): Promise<string | null> {
  if (job.kind !== 'import' || job.status !== 'succeeded' || !job.completedAt) return null;
  // A day's margin for the lifecycle rule that removes it.
  if (Date.now() - Date.parse(job.completedAt) > (IMPORT_KEEP_DAYS - 1) * 86_400_000) return null;
  const { importId } = job.request as unknown as ImportRequest;
  return presignStoredGet(bucketName(FILES_BUCKET), reportKey(importId, job.jobId), REPORT_LINK_SECONDS);
}
