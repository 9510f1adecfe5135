// Evidence of a status-change case, in the records table next to the case (one Query lists them):
//   CHANGE#<id> / EVIDENCE               the case's slot counter: how many slots were handed out
//   CHANGE#<id> / EVIDENCE#<evidenceId>  one file: what was declared, who added it, its check
// A slot is added under the counter's value read, so two simultaneous uploads cannot both take the
// last free slot; the check settles a file only while it is pending, so it does so exactly once.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StatusChange } from '#shared/domain/changes/case.ts';
import type { Evidence } from '#shared/domain/changes/evidence.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { caseKey } from './change-repo.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
const counterKey = (changeId: string) => ({ PK: `CHANGE#${changeId}`, SK: 'EVIDENCE' });
const evidenceKey = (changeId: string, evidenceId: string) => ({ PK: `CHANGE#${changeId}`, SK: `EVIDENCE#${evidenceId}` });

function toEvidence(item: Record<string, unknown>): Evidence {
  const { PK: _pk, SK: _sk, itemType: _type, ...evidence } = item;
  return evidence as unknown as Evidence;
}

/** A case's files, oldest first, and its slot counter (0 before the first). */
export async function caseEvidence(changeId: string): Promise<{ items: Evidence[]; slots: number }> {
  const items: Evidence[] = [];
  let slots = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p AND begins_with(SK, :e)', ExpressionAttributeValues: { ':p': `CHANGE#${changeId}`, ':e': 'EVIDENCE' }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      if (item.SK === 'EVIDENCE') slots = item.slots as number;
      else items.push(toEvidence(item));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, slots };
}

export async function getEvidence(changeId: string, evidenceId: string): Promise<Evidence | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: evidenceKey(changeId, evidenceId), ConsistentRead: true }));
  return Item ? toEvidence(Item) : undefined;
}

/**
 * The writes that add a file, in this order: the case still pending (and, for a right that comes
 * from the current step, still at that step), the slot counter still at the value read, the new
 * pending file.
 */
export function evidenceAdd(change: StatusChange, asStep: boolean, slotsRead: number, evidence: Evidence): TransactItem[] {
  return [
    {
      ConditionCheck: {
        TableName: table(),
        Key: caseKey(change.changeId),
        ConditionExpression: asStep ? '#status = :pending AND currentStep = :step' : '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ...(asStep ? { ':step': change.currentStep } : {}) },
      },
    },
    {
      Update: {
        TableName: table(),
        Key: counterKey(change.changeId),
        UpdateExpression: 'SET slots = :next, itemType = :type',
        ConditionExpression: slotsRead === 0 ? 'attribute_not_exists(slots)' : 'slots = :read',
        ExpressionAttributeValues: { ':next': slotsRead + 1, ':type': 'evidenceSlots', ...(slotsRead === 0 ? {} : { ':read': slotsRead }) },
      },
    },
    { Put: { TableName: table(), Item: { ...evidenceKey(change.changeId, evidence.evidenceId), itemType: 'evidence', ...evidence }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ];
}

/** Settles a pending file: accepted, or rejected with the reason. Fails its condition once settled. */
export function evidenceSettle(changeId: string, evidenceId: string, outcome: { status: 'accepted' } | { status: 'rejected'; reason: string }, at: string): TransactItem {
  const rejected = outcome.status === 'rejected';
  return {
    Update: {
      TableName: table(),
      Key: evidenceKey(changeId, evidenceId),
      UpdateExpression: `SET #status = :status, checkedAt = :at${rejected ? ', reason = :reason' : ''}`,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': outcome.status, ':at': at, ':pending': 'pending', ...(rejected ? { ':reason': outcome.reason } : {}) },
    },
  };
}
