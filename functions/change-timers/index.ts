// Scheduled work of status changes: the outbox sweep every minute, the deadline run once a day.
// One function, told apart by the schedule's input, so the stack holds one more function, not two.
import { markOverdueSteps } from './deadlines.ts';
import { resendStaleSteps } from './outbox.ts';

export const handler = async (event: { job?: string }): Promise<{ job: string; count: number }> => {
  if (event.job === 'deadlines') return { job: 'deadlines', count: await markOverdueSteps() };
  return { job: 'outbox', count: await resendStaleSteps() };
};
