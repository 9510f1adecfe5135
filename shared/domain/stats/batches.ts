// How the stream consumer packs a batch of writes into transactions: in stream order, each
// transaction holding the applied-markers of its writes and one addition per organisation they
// touch (their differences summed), within DynamoDB's item limit per transaction. Pure.
import { addInto, delta, type OrgTally } from './contribution.ts';

type Image = Record<string, unknown>;

/** One write as the stream reports it. */
export interface StreamWrite {
  eventId: string;
  sequenceNumber: string;
  before: Image | undefined;
  after: Image | undefined;
}

export interface CountedWrite {
  eventId: string;
  sequenceNumber: string;
  tallies: OrgTally[];
}

/** The writes that change some count, with what they change; the others need nothing written. */
export function countedWrites(writes: readonly StreamWrite[]): CountedWrite[] {
  return writes.flatMap((write) => {
    const tallies = delta(write.before, write.after);
    return tallies.length > 0 ? [{ eventId: write.eventId, sequenceNumber: write.sequenceNumber, tallies }] : [];
  });
}

/** The summed differences of some writes, one per organisation; organisations left at zero dropped. */
export function summed(writes: readonly CountedWrite[]): OrgTally[] {
  const byOrg = new Map<string, OrgTally>();
  for (const tally of writes.flatMap((write) => write.tallies)) {
    const into = byOrg.get(tally.orgId) ?? { orgId: tally.orgId, parentId: tally.parentId, counts: {} };
    addInto(into.counts, tally.counts);
    byOrg.set(tally.orgId, into);
  }
  return [...byOrg.values()]
    .map((tally) => ({ ...tally, counts: Object.fromEntries(Object.entries(tally.counts).filter(([, count]) => count !== 0)) }))
    .filter((tally) => Object.keys(tally.counts).length > 0);
}

/** Consecutive runs of writes whose markers and organisations fit `maxItems` transaction items. */
export function transactionGroups(writes: readonly CountedWrite[], maxItems: number): CountedWrite[][] {
  const groups: CountedWrite[][] = [];
  let group: CountedWrite[] = [];
  let orgs = new Set<string>();
  for (const write of writes) {
    const more = write.tallies.filter((tally) => !orgs.has(tally.orgId)).length;
    if (group.length > 0 && group.length + 1 + orgs.size + more > maxItems) {
      groups.push(group);
      group = [];
      orgs = new Set();
    }
    group.push(write);
    for (const tally of write.tallies) orgs.add(tally.orgId);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
