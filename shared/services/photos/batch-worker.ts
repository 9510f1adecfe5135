// A photo batch's job (shared/services/jobs/run.ts): the plan opens the zip and counts its photos;
// each chunk goes on from the next entry, a file at a time, until the chunk is full or the time
// runs short. Each file's result is written once (batch-entry.ts), so a chunk run again finds the
// files it did and counts them as they were, and the job's counts move on only with its step.
import { getBatch } from '#shared/data/photo-batch-repo.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import type { Job, JobError } from '#shared/domain/jobs.ts';
import type { BatchState } from '#shared/domain/photos/batch.ts';
import { screenEntry } from '#shared/domain/photos/batch-entries.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { creatorOf } from '../jobs/creator.ts';
import { JobFailure, type JobWorker } from '../jobs/run.ts';
import { workEntry } from './batch-entry.ts';
import { withBatchZip } from './batch-zip.ts';

/** Files per chunk: each is a few reads and writes and a JPEG decode, so a chunk takes seconds. */
const CHUNK_FILES = 100;

const batchOf = async (job: Job) => {
  const batch = await getBatch((job.request as { batchId: string }).batchId);
  if (!batch) throw new JobFailure('照片批次不存在');
  return batch;
};


export const photoBatchWorker: JobWorker<BatchState> = {
  async plan(job) {
    const batch = await batchOf(job);
    const total = await withBatchZip(batch.batchId, async (entries) => entries.filter((entry) => screenEntry(entry).verdict !== 'skip').length);
    return { total, errors: [], state: job.state! };
  },
  async chunk(job, state, budget) {
    const batch = await batchOf(job);
    const context = { batch, creator: creatorOf(job), bucket: bucketName(FILES_BUCKET), rosters: new Map() };
    return withBatchZip(batch.batchId, async (entries) => {
      const counts = { ...state.counts };
      const errors: JobError[] = [];
      let done = 0;
      let next = state.next;
      for (let worked = 0; next < entries.length && worked < CHUNK_FILES && budget.hasTime(); next += 1) {
        const result = await workEntry(context, entries[next]!, next);
        if (!result) continue;
        worked += 1;
        counts[result.status] += 1;
        if (result.status === 'accepted') done += 1;
        else errors.push({ item: result.file, message: result.reason ?? '' });
      }
      return { done, errors, state: { next, counts }, finished: next >= entries.length };
    });
  },
  resultUrl: () => null,
};
