// A job as its readers see it, and only to them: its creator and the organisations above the
// creator's. Anyone else gets 404, as for a job that does not exist.
import { getJob } from '#shared/data/job-repo.ts';
import { jobVisibleTo, type Job } from '#shared/domain/jobs.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { notFound } from '#shared/http/api-error.ts';
import { exportLink } from '../exports/link.ts';
import { reportLink } from '../imports/link.ts';

export async function loadJobFor(principal: Principal, jobId: string): Promise<Job> {
  const job = await getJob(jobId);
  if (!job || !jobVisibleTo(job, principal)) throw notFound('任务不存在或不在您的管辖范围内');
  return job;
}

/** What callers see: no internal state, step, holds or creator's org path. */
export function presentJob(job: Job) {
  const { jobId, kind, status, total, done, errors, errorSamples, resultUrl, orgId, request, createdAt, updatedAt, completedAt } = job;
  return { jobId, kind, status, total, done, errors, errorSamples, resultUrl, orgId, request, createdAt, updatedAt, ...(completedAt ? { completedAt } : {}) };
}

/** The job as `principal` reads it: an export's file or an import's report is linked for this reader now. */
export async function presentJobFor(principal: Principal, job: Job) {
  if (job.kind === 'export') return presentJob({ ...job, resultUrl: await exportLink(principal, job) });
  if (job.kind === 'import') return presentJob({ ...job, resultUrl: await reportLink(job) });
  return presentJob(job);
}

export const jobLocation = (job: Pick<Job, 'jobId'>) => `/v1/jobs/${job.jobId}`;
