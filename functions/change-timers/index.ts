// Scheduled work of status changes: the outbox sweep every minute, the deadline run once a day.
// One function, told apart by the schedule's input, so the stack holds one more function, not two.
// The minute's run also resumes stalled jobs (shared/services/jobs/sweep.ts): no schedule of their
// own; and the night's run starts the problem-record scan (shared/services/problems/nightly.ts).
import { logger } from '#shared/http/logger.ts';
import { resumeStalledJobs } from '#shared/services/jobs/sweep.ts';
import { startNightlyScans } from '#shared/services/problems/nightly.ts';
import { markOverdueSteps } from './deadlines.ts';
import { resendStaleSteps } from './outbox.ts';

export const handler = async (event: { job?: string }): Promise<{ job: string; count: number }> => {
  if (event.job === 'deadlines') return { job: 'deadlines', count: await markOverdueSteps() };
  if (event.job === 'problemScan') return { job: 'problemScan', count: await startNightlyScans() };
  const [steps, jobs] = await Promise.allSettled([resendStaleSteps(), resumeStalledJobs()]);
  if (jobs.status === 'rejected') logger.error('stalled jobs not resumed; next run retries', jobs.reason as Error);
  if (steps.status === 'rejected') throw steps.reason;
  return { job: 'outbox', count: steps.value };
};
