// Scheduled work of status changes: the outbox sweep every minute (the changes' and the exchange's), the deadline run once a day.
// One function, told apart by the schedule's input, so the stack holds one more function, not two.
// The minute's run also resumes stalled jobs (shared/services/jobs/sweep.ts) and starts the export
// schedules that are due (shared/services/exports/schedule-runs.ts): no schedules of their own; and
// the night's run starts the problem-record scan (shared/services/problems/nightly.ts). A user's
// export schedule is also run by hand locally (`{ job: 'exportSchedule', scheduleId }`).
import { getSchedule } from '#shared/data/export-schedule-repo.ts';
import { logger } from '#shared/http/logger.ts';
import { runDueSchedules, runSchedule } from '#shared/services/exports/schedule-runs.ts';
import { resumeStalledJobs } from '#shared/services/jobs/sweep.ts';
import { startNightlyScans } from '#shared/services/problems/nightly.ts';
import { markOverdueSteps } from './deadlines.ts';
import { resendStaleExchange } from './exchange.ts';
import { resendStaleSteps } from './outbox.ts';

type TimerEvent = { job?: string; scheduleId?: string };

export const handler = async (event: TimerEvent): Promise<{ job: string; count: number; found?: boolean }> => {
  if (event.job === 'deadlines') return { job: 'deadlines', count: await markOverdueSteps() };
  if (event.job === 'problemScan') return { job: 'problemScan', count: await startNightlyScans() };
  if (event.job === 'exportSchedule') {
    const schedule = event.scheduleId ? await getSchedule(event.scheduleId) : undefined;
    if (!schedule) return { job: 'exportSchedule', count: 0, found: false };
    const run = await runSchedule(schedule, new Date(), true);
    return { job: 'exportSchedule', count: run?.jobId ? 1 : 0, found: true };
  }
  const [steps, jobs, exports, exchange] = await Promise.allSettled([resendStaleSteps(), resumeStalledJobs(), runDueSchedules(), resendStaleExchange()]);
  if (jobs.status === 'rejected') logger.error('stalled jobs not resumed; next run retries', jobs.reason as Error);
  if (exchange.status === 'rejected') logger.error('exchange work not resent; next run retries', exchange.reason as Error);
  if (exports.status === 'rejected') logger.error('export schedules not run; next run retries', exports.reason as Error);
  if (steps.status === 'rejected') throw steps.reason;
  return { job: 'outbox', count: steps.value };
};
