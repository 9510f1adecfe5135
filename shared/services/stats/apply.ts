// The statistics consumer's work on one batch of the records table's stream: each write's
// differences added to the counters of the organisations it touches, exactly once. A record can
// come twice (Lambda retries a batch, or part of it, after a failure), so each write's marker
// commits in the same transaction as its additions and a redelivered write is left out.
import { addCounts, MAX_TRANSACTION_ITEMS } from '#shared/data/stats-repo.ts';
import { countedWrites, summed, transactionGroups, type CountedWrite, type StreamWrite } from '#shared/domain/stats/batches.ts';

/**
 * Applies the writes in stream order; on a failure, the sequence number to resume from (every
 * write before it is applied), so the event source retries from there.
 */
export async function applyWrites(writes: readonly StreamWrite[]): Promise<{ resumeAt?: string; error?: unknown }> {
  for (const group of transactionGroups(countedWrites(writes), MAX_TRANSACTION_ITEMS)) {
    try {
      await applyOnce(group);
    } catch (error) {
      return { resumeAt: group[0]!.sequenceNumber, error };
    }
  }
  return {};
}

async function applyOnce(group: CountedWrite[]): Promise<void> {
  let pending = group;
  while (pending.length > 0) {
    const { alreadyApplied } = await addCounts(pending.map((write) => write.eventId), summed(pending));
    if (alreadyApplied.length === 0) return;
    const done = new Set(alreadyApplied);
    pending = pending.filter((write) => !done.has(write.eventId));
  }
}
