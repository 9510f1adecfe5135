// Evidence files in the records table, next to what they back (one Query lists them):
//   <owner> / EVIDENCE               the owner's slot counter: how many slots were handed out
//   <owner> / EVIDENCE#<evidenceId>  one file: what was declared, who added it, its check
// The owner is a status-change case (CHANGE#<id>) or a problem record (PROBLEM#<id>). A slot is
// added under the counter's value read, so two simultaneous uploads cannot both take the last free
// slot; the check settles a file only while it is pending, so it does so exactly once.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StatusChange } from '#shared/domain/changes/case.ts';
import type { Evidence } from '#shared/domain/changes/evidence.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { caseKey } from './change-repo.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
const counterKey = (owner: string) => ({ PK: owner, SK: 'EVIDENCE' });
const evidenceKey = (owner: string, evidenceId: string) => ({ PK: owner, SK: `EVIDENCE#${evidenceId}` });

/** A file as every owner keeps it; each adds whose it is (`changeId`, `problemId`). */
export type EvidenceFile = Omit<Evidence, 'changeId'>;

/** The partition of a case's files. */
export const caseOwner = (changeId: string) => `CHANGE#${changeId}`;

function toEvidence<T extends EvidenceFile>(item: Record<string, unknown>): T {
  const { PK: _pk, SK: _sk, itemType: _type, ...evidence } = item;
  return evidence as unknown as T;
}

/** An owner's files, oldest first, and its slot counter (0 before the first). */
export async function ownerEvidence<T extends EvidenceFile>(owner: string): Promise<{ items: T[]; slots: number }> {
  const items: T[] = [];
  let slots = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p AND begins_with(SK, :e)', ExpressionAttributeValues: { ':p': owner, ':e': 'EVIDENCE' }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      if (item.SK === 'EVIDENCE') slots = item.slots as number;
      else items.push(toEvidence<T>(item));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, slots };
}

/** A case's files and slot counter. */
export const caseEvidence = (changeId: string) => ownerEvidence<Evidence>(caseOwner(changeId));

export async function getEvidence<T extends EvidenceFile>(owner: string, evidenceId: string): Promise<T | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: evidenceKey(owner, evidenceId), ConsistentRead: true }));
  return Item ? toEvidence<T>(Item) : undefined;
}

/**
 * The writes that add a file, in this order: what the right to add it rests on (`guard`: the case
 * still pending, the problem still open), the slot counter still at the value read, the new
 * pending file.
 */
export function evidenceAddWrites(owner: string, guard: TransactItem, slotsRead: number, evidence: EvidenceFile): TransactItem[] {
  return [
    guard,
    {
      Update: {
        TableName: table(),
        Key: counterKey(owner),
        UpdateExpression: 'SET slots = :next, itemType = :type',
        ConditionExpression: slotsRead === 0 ? 'attribute_not_exists(slots)' : 'slots = :read',
        ExpressionAttributeValues: { ':next': slotsRead + 1, ':type': 'evidenceSlots', ...(slotsRead === 0 ? {} : { ':read': slotsRead }) },
      },
    },
    { Put: { TableName: table(), Item: { ...evidenceKey(owner, evidence.evidenceId), itemType: 'evidence', ...evidence }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ];
}

/** A case's file: its writes, guarded by the case still pending (and, for a right that comes from the current step, still at that step). */
export function evidenceAdd(change: StatusChange, asStep: boolean, slotsRead: number, evidence: Evidence): TransactItem[] {
  const guard: TransactItem = {
    ConditionCheck: {
      TableName: table(),
      Key: caseKey(change.changeId),
      ConditionExpression: asStep ? '#status = :pending AND currentStep = :step' : '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ...(asStep ? { ':step': change.currentStep } : {}) },
    },
  };
  return evidenceAddWrites(caseOwner(change.changeId), guard, slotsRead, evidence);
}

/** Settles a pending file: accepted, or rejected with the reason. Fails its condition once settled. */
export function evidenceSettle(owner: string, evidenceId: string, outcome: { status: 'accepted' } | { status: 'rejected'; reason: string }, at: string): TransactItem {
  const rejected = outcome.status === 'rejected';
  return {
    Update: {
      TableName: table(),
      Key: evidenceKey(owner, evidenceId),
      UpdateExpression: `SET #status = :status, checkedAt = :at${rejected ? ', reason = :reason' : ''}`,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': outcome.status, ':at': at, ':pending': 'pending', ...(rejected ? { ':reason': outcome.reason } : {}) },
    },
  };
}
