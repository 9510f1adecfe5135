// Every minute (with the status-change outbox sweep): a job that has not moved for a while lost
// its message (the send after a commit failed, or the message died with a crashed invocation).
// Its current step is sent again; a duplicate is harmless, as the consumer drops stale steps. A job
// that stalls again and again is given up on, which also releases what it holds.
import { sendJobMessage } from '#shared/data/job-queue.ts';
import { activeJobIds, dropActive, getJob, markSwept, replaceJob } from '#shared/data/job-repo.ts';
import { failedJob, isFinished } from '#shared/domain/jobs.ts';
import { logger } from '#shared/http/logger.ts';

/**
 * Longer than the jobs queue's visibility timeout: a crashed step comes back by itself first
 * (JOB_STALL_SECONDS, default 150; a crash test shortens it). An import's long check says it is
 * alive as it goes, and its chunks count in as they finish, so neither looks stalled.
 */
const stallMs = () => Number(process.env.JOB_STALL_SECONDS ?? 150) * 1000;
/** Resends of one step before the job is given up on. */
const MAX_SWEEPS = 3;

export async function resumeStalledJobs(now = Date.now()): Promise<number> {
  let resumed = 0;
  for (const jobId of await activeJobIds()) {
    const job = await getJob(jobId);
    if (!job || isFinished(job.status)) {
      await dropActive(jobId);
      continue;
    }
    if (Date.parse(job.updatedAt) > now - stallMs()) continue;
    const at = new Date(now).toISOString();
    if ((job.sweeps ?? 0) >= MAX_SWEEPS) {
      await replaceJob(failedJob(job, '任务多次中断，已停止', at), job.step);
      continue;
    }
    if (!(await markSwept(job, at))) continue;
    try {
      await sendJobMessage(job.kind, { jobId, step: job.step });
      resumed += 1;
    } catch (error) {
      logger.warn('stalled job not resumed; next run retries', { jobId, error: (error as Error).name });
    }
  }
  return resumed;
}
