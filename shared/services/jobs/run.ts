// The jobs queue's side: one message moves a job one step. Step 0 plans (reads what the job will
// go through and counts it); each later step works through the next chunk, as far as the Lambda's
// time allows, and the job item is then replaced under the step it was read at, with the counts
// added, before the next step's message goes out. So no invocation runs long whatever the size of
// the batch, progress shows as it goes, and a message delivered twice (or a chunk retried after a
// crash) has no second effect: its step is stale, or every item of the chunk finds itself done.
import { sendJobMessage, type JobMessage } from '#shared/data/job-queue.ts';
import { getJob, replaceJob } from '#shared/data/job-repo.ts';
import { afterChunk, failedJob, isFinished, type ChunkOutcome, type Job, type JobError, type JobKind } from '#shared/domain/jobs.ts';
import { logger } from '#shared/http/logger.ts';

/**
 * Thrown by a worker when the job cannot go on at all (what it works on is gone): the job fails at
 * once with this reason, rather than after the queue's retries with a general one.
 */
export class JobFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'JobFailure';
  }
}

/** How much a step may still do. */
export interface Budget {
  /** True while there is time for another piece of work. */
  hasTime(): boolean;
}

export interface JobWorker<State> {
  /** Reads what the job will go through, changing nothing: the items to do, problems found already, the first state. */
  plan(job: Job<State>): Promise<{ total: number; errors: JobError[]; state: State }>;
  /** Does the next part, each item conditionally (done once, even when the part runs again). */
  chunk(job: Job<State>, state: State, budget: Budget): Promise<ChunkOutcome<State>>;
  /** Where to see the result once the job succeeded. */
  resultUrl(job: Job<State>): string | null;
}

/** The workers of the kinds one queue carries (each consumer has its own). */
export type Workers = Partial<Record<JobKind, JobWorker<never>>>;

export async function runJobStep(message: JobMessage, workers: Workers, budget: Budget): Promise<void> {
  const job = await getJob(message.jobId);
  // Delivered again, or sent again by the sweeper after the job moved on: nothing to do.
  if (!job || isFinished(job.status) || job.step !== message.step) return;
  const worker = workers[job.kind] as unknown as JobWorker<unknown> | undefined;
  // Sent to the wrong queue: a bug; the message goes to the dead-letter queue, the job fails then.
  if (!worker) throw new Error(`no worker for jobs of kind ${job.kind} here`);
  let next: Job;
  try {
    if (job.step === 0) {
      const plan = await worker.plan(job);
      const planned: Job = { ...job, status: 'running', total: plan.total, state: plan.state };
      const outcome = { done: 0, errors: plan.errors, state: plan.state, finished: plan.total === plan.errors.length };
      next = afterChunk(planned, outcome, new Date().toISOString(), () => worker.resultUrl(job));
    } else {
      const outcome = await worker.chunk(job, job.state, budget);
      next = afterChunk(job, outcome, new Date().toISOString(), () => worker.resultUrl(job));
    }
  } catch (error) {
    if (!(error instanceof JobFailure)) throw error;
    await replaceJob(failedJob(job, error.message, new Date().toISOString()), job.step);
    return;
  }
  // Another delivery of this step got there first: its chunk had the same effect.
  if (!(await replaceJob(next, job.step))) return;
  if (isFinished(next.status)) return;
  try {
    await sendJobMessage(next.kind, { jobId: next.jobId, step: next.step });
  } catch (error) {
    logger.warn('next job message not sent; the sweeper will send it', { jobId: next.jobId, error: (error as Error).name });
  }
}

/** Ends a job whose step keeps failing (the message's last receive), so it does not stay running forever. */
export async function giveUp(message: JobMessage, reason: string): Promise<void> {
  const job = await getJob(message.jobId);
  if (!job || isFinished(job.status) || job.step !== message.step) return;
  await replaceJob(failedJob(job, reason, new Date().toISOString()), job.step);
}
