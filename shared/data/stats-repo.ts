// Statistics (统计) in the records table, kept by the stream consumer (shared/services/stats/apply.ts):
//   STATS#<parentId> / ORG#<orgId>      an organisation's counters (shared/domain/stats/contribution.ts), filed
//                                       under its parent (ROOT for the root): one read for an organisation,
//                                       one query for its children
//   STATSAPPLIED#<eventID> / APPLIED    a stream record whose differences were added, written in the same
//                                       transaction as the additions, so a redelivered record adds nothing
// Neither is a counted item type, so the consumer's own writes never reach it again through the stream.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OrgTally, Tally } from '#shared/domain/stats/contribution.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { queryAll } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);

const statsPartition = (parentId: string | null) => `STATS#${parentId ?? 'ROOT'}`;
const statsKey = (orgId: string, parentId: string | null) => ({ PK: statsPartition(parentId), SK: `ORG#${orgId}` });
const appliedKey = (eventId: string) => ({ PK: `STATSAPPLIED#${eventId}`, SK: 'APPLIED' });

/** The stream keeps a record 24 hours, so no redelivery comes after two days; TTL then removes the marker. */
const APPLIED_KEEP_SECONDS = 2 * 24 * 3600;
/** DynamoDB's limit of items per transaction. */
export const MAX_TRANSACTION_ITEMS = 100;
const MAX_ATTEMPTS = 6;

const appliedPut = (eventId: string, expiresAt: number): TransactItem => ({
  Put: { TableName: table(), Item: { ...appliedKey(eventId), itemType: 'statsApplied', expiresAt }, ConditionExpression: 'attribute_not_exists(PK)' },
});

const counterAdd = (tally: OrgTally): TransactItem => {
  const entries = Object.entries(tally.counts);
  return {
    Update: {
      TableName: table(),
      Key: statsKey(tally.orgId, tally.parentId),
      UpdateExpression: `SET itemType = :type, orgId = :org ADD ${entries.map((_, index) => `#c${index} :n${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name])),
      ExpressionAttributeValues: { ':type': 'orgStats', ':org': tally.orgId, ...Object.fromEntries(entries.map(([, count], index) => [`:n${index}`, count])) },
    },
  };
};

/**
 * Adds `tallies` and marks `eventIds` applied, in one transaction (at most MAX_TRANSACTION_ITEMS
 * together). When some of the records were applied before, nothing is written and their ids are
 * returned, for the caller to add the others without them. A race with another consumer on the
 * same counters (TransactionConflict) is retried with jittered backoff.
 */
export async function addCounts(eventIds: readonly string[], tallies: readonly OrgTally[], now: Date = new Date()): Promise<{ alreadyApplied: string[] }> {
  const expiresAt = Math.floor(now.getTime() / 1000) + APPLIED_KEEP_SECONDS;
  const items = [...eventIds.map((eventId) => appliedPut(eventId, expiresAt)), ...tallies.map(counterAdd)];
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return { alreadyApplied: [] };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      const alreadyApplied = eventIds.filter((_, index) => reasons[index] === 'ConditionalCheckFailed');
      if (alreadyApplied.length > 0) return { alreadyApplied };
      const onlyRaces = reasons.includes('TransactionConflict') && reasons.every((code) => code === 'None' || code === 'TransactionConflict' || code === undefined);
      if (!onlyRaces || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}

function toTally(item: Record<string, unknown> | undefined): Tally {
  const { PK: _pk, SK: _sk, itemType: _type, orgId: _org, ...counts } = item ?? {};
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => typeof count === 'number' && count !== 0)) as Tally;
}

/** An organisation's counters (empty when nothing was ever counted there). */
export async function orgCounts(orgId: string, parentId: string | null): Promise<Tally> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: statsKey(orgId, parentId) }));
  return toTally(Item);
}

/** The counters of an organisation's children that ever counted anything, by child. */
export async function childrenCounts(orgId: string): Promise<Map<string, Tally>> {
  const items = await queryAll({ TableName: table(), KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': statsPartition(orgId) } });
  return new Map(items.map((item) => [item.orgId as string, toTally(item)]));
}
