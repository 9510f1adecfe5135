// Starting a batch's job once its zip has landed. A zip is worked once: the job keeps the batch's
// run hold, released only if the job fails (a failed batch may be started again, and then every
// file done before is found done, not done twice).
import { readStart } from '#shared/data/object-store.ts';
import { batchJobWrite, batchRunHold } from '#shared/data/photo-batch-repo.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import type { Job } from '#shared/domain/jobs.ts';
import { batchZipKey, emptyCounts, type BatchState } from '#shared/domain/photos/batch.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { conflict } from '#shared/http/api-error.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { HeldByAnother, startJob } from '../jobs/start.ts';
import { loadBatchFor } from './batch-access.ts';

export async function startBatch(principal: Principal, batchId: string): Promise<Job> {
  const batch = await loadBatchFor(principal, batchId);
  const landed = await readStart(bucketName(FILES_BUCKET), batchZipKey(batchId), 1);
  if (!landed || landed.size === 0) throw conflict('PHOTO_BATCH_NOT_UPLOADED', '照片压缩包尚未上传完成，请上传后再开始');
  const state: BatchState = { next: 0, counts: emptyCounts() };
  try {
    return await startJob(principal, {
      kind: 'photoBatch',
      orgId: batch.orgId,
      request: { batchId },
      state,
      keeps: [batchRunHold(batchId)],
      reason: `照片批量采集 ${batch.orgName}`,
      alongside: (jobId) => [batchJobWrite(batchId, jobId)],
    });
  } catch (error) {
    if (error instanceof HeldByAnother) throw conflict('PHOTO_BATCH_STARTED', '该批照片已经开始处理 (或已处理完)；再采集请重新上传压缩包');
    throw error;
  }
}
