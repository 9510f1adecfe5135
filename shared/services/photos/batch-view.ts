// A photo batch as its registrar reads it: the organisation, the job with the files counted by
// status, and a page of the files' results in the zip's order (a file still being checked is left
// out until it is settled).
import { getJob } from '#shared/data/job-repo.ts';
import { filesPage, type StoredFile } from '#shared/data/photo-batch-repo.ts';
import type { PageRequest } from '#shared/data/query-page.ts';
import { emptyCounts, type BatchState, type FileResult, type PhotoBatch } from '#shared/domain/photos/batch.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { presentJob } from '../jobs/access.ts';
import { loadBatchFor } from './batch-access.ts';

export const presentBatch = ({ batchId, orgId, orgKind, orgName, size, createdBy, createdAt, jobId }: PhotoBatch) => ({
  batchId,
  orgId,
  orgKind,
  orgName,
  size,
  createdBy: { userId: createdBy.userId, displayName: createdBy.displayName },
  createdAt,
  ...(jobId ? { jobId } : {}),
});

const settled = (file: StoredFile): file is FileResult => file.status !== 'checking';

export async function batchView(principal: Principal, batchId: string, page: PageRequest) {
  const batch = await loadBatchFor(principal, batchId);
  const [job, files] = await Promise.all([batch.jobId ? getJob(batch.jobId) : undefined, filesPage(batchId, page)]);
  return {
    ...presentBatch(batch),
    job: job ? presentJob(job) : null,
    counts: (job?.state as BatchState | undefined)?.counts ?? emptyCounts(),
    files: files.items.filter(settled).map(({ entry, file, studentId, status, reason }) => ({ entry, file, studentId, status, reason })),
    nextCursor: files.nextCursor,
  };
}
