// Every minute: approvals whose step message was not processed within a minute (the send after
// the commit failed, or the process died between them) are sent again. Duplicates are harmless:
// the queue drops repeats within five minutes and the consumer ignores processed steps.
import { staleOutbox } from '#shared/data/change-repo.ts';
import { sendStepMessages } from '#shared/data/change-queue.ts';
import { logger } from '#shared/http/logger.ts';

/** How old an unprocessed approval must be to be sent again (OUTBOX_GRACE_SECONDS, default 60): younger ones are still on their way. */
const graceMs = () => Number(process.env.OUTBOX_GRACE_SECONDS ?? 60) * 1000;

export async function resendStaleSteps(now = Date.now()): Promise<number> {
  const stale = await staleOutbox(new Date(now - graceMs()).toISOString(), 500);
  if (stale.length === 0) return 0;
  const failed = await sendStepMessages(stale);
  if (failed.length > 0) logger.warn('some step messages not sent; next run retries', { count: failed.length });
  return stale.length - failed.length;
}
