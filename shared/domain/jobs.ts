// Jobs: long work (year-end batches and exports today; imports later) answered at once with a job
// the caller polls. A job goes queued → running → succeeded | failed, counting `done` of `total`
// items and the items that failed, with a few examples. Pure: the records, the queue and the
// workers are elsewhere (shared/data/job-repo.ts, shared/services/jobs/).
import { isWithin } from './org.ts';
import type { Principal } from './principal.ts';

export const JOB_KINDS = ['promotion', 'graduation', 'export', 'import', 'problemScan', 'photoBatch'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_KIND_LABEL: Record<JobKind, string> = { promotion: '升级', graduation: '毕业', export: '导出', import: '导入', problemScan: '问题学籍检查', photoBatch: '照片批量采集' };

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** How many failed items a job keeps as examples (the count goes on). */
export const MAX_ERROR_SAMPLES = 5;

/**
 * Receives of one message before the jobs queue gives up on it (its redrive policy). The consumer
 * marks the job failed on the last one, so a job never stays running behind a dead message.
 */
export const JOB_MAX_RECEIVES = 5;

/** An item that failed: what it was (a student's or an organisation's name and id) and why. */
export interface JobError {
  item: string;
  message: string;
}

export interface JobCreator {
  userId: string;
  displayName: string;
  role: string;
  orgId: string;
  orgPath: string;
}

/** A key of the records table a job holds while it runs (a school's year-end hold), released when it ends. */
export interface HeldItem {
  PK: string;
  SK: string;
}

export interface Job<State = unknown> {
  jobId: string;
  kind: JobKind;
  status: JobStatus;
  total: number;
  done: number;
  errors: number;
  errorSamples: JobError[];
  /** Where the result is to be seen, once the job succeeded. */
  resultUrl: string | null;
  /** The organisation the job works on (a school for year-end batches). */
  orgId: string;
  request: Record<string, unknown>;
  createdBy: JobCreator;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  /** Internal: the number of the next chunk; a message of another number is stale. */
  step: number;
  /** Internal: where the worker goes on (its own shape per kind). */
  state?: State;
  holds: HeldItem[];
  /** Held like `holds`, but kept when the job succeeds (a school's promotion of a school year); released only if it fails. */
  keeps?: HeldItem[];
  /** Internal: how often the sweeper had to send the current step again. */
  sweeps?: number;
}

export const isFinished = (status: JobStatus): boolean => status === 'succeeded' || status === 'failed';

/** Only its creator and the organisations above the creator's see a job: a colleague at the same school does not. */
export function jobVisibleTo(job: Pick<Job, 'createdBy'>, principal: Pick<Principal, 'userId' | 'orgPath'>): boolean {
  if (principal.userId === job.createdBy.userId) return true;
  return principal.orgPath !== job.createdBy.orgPath && isWithin(job.createdBy.orgPath, principal.orgPath);
}

/** What one chunk of work answers. */
export interface ChunkOutcome<State> {
  done: number;
  errors: JobError[];
  state: State;
  finished: boolean;
}

/** The job after a chunk: counts added, a few examples kept, the next step, and at the end its final status. */
export function afterChunk<State>(job: Job<State>, outcome: ChunkOutcome<State>, now: string, resultUrl: () => string | null): Job<State> {
  const done = job.done + outcome.done;
  const errors = job.errors + outcome.errors.length;
  const next: Job<State> = {
    ...job,
    status: outcome.finished ? 'succeeded' : 'running',
    done,
    errors,
    errorSamples: [...job.errorSamples, ...outcome.errors].slice(0, MAX_ERROR_SAMPLES),
    state: outcome.state,
    step: job.step + 1,
    updatedAt: now,
  };
  delete next.sweeps;
  if (!outcome.finished) return next;
  // Records that changed while the job ran may have left or joined: the finished total is what it worked through.
  return { ...next, total: done + errors, resultUrl: resultUrl(), completedAt: now };
}

/** The job given up on, saying why. */
export function failedJob<State>(job: Job<State>, reason: string, now: string): Job<State> {
  const next: Job<State> = {
    ...job,
    status: 'failed',
    errors: job.errors + 1,
    errorSamples: [...job.errorSamples, { item: '任务', message: reason }].slice(0, MAX_ERROR_SAMPLES),
    step: job.step + 1,
    updatedAt: now,
    completedAt: now,
  };
  delete next.sweeps;
  return next;
}
