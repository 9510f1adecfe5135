// The audit writer: an audit entry commits in the same DynamoDB transaction as the change it
// records, so there is never a change without its entry, nor an entry for a change that failed.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamo } from './dynamo-client.ts';
import { committedMarker, KeyLost } from './idempotency-scope.ts';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface AuditEntry {
  /** The record the entry belongs to, e.g. { type: 'STUDENT', id }. Its history is one Query. */
  entity: { type: string; id: string };
  actor: { userId: string; displayName: string; role: string };
  action: string;
  changes: FieldChange[];
  reason?: string;
  /** The status-change case that made this change (学籍异动), so history and case link to each other. */
  changeId?: string;
  correlationId?: string;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const auditPartition = (entity: AuditEntry['entity']): string => `${entity.type}#${entity.id}`;

export function auditItem(table: string, entry: AuditEntry, at: Date = new Date()): TransactItem {
  const timestamp = at.toISOString();
  return {
    Put: {
      TableName: table,
      Item: {
        PK: auditPartition(entry.entity),
        SK: `AUDIT#${timestamp}#${randomUUID()}`,
        itemType: 'audit',
        at: timestamp,
        ...entry,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Which of the transaction's items failed their condition (index → reason code), if any. */
export class TransactionConflict extends Error {
  readonly reasons: (string | undefined)[];
  constructor(reasons: (string | undefined)[]) {
    super(`transaction cancelled: ${reasons.join(',')}`);
    this.name = 'TransactionConflict';
    this.reasons = reasons;
  }
}

const MAX_ATTEMPTS = 6;

/**
 * Writes `items` and the audit entry atomically (at most 98 items plus the entry and, under an
 * Idempotency-Key, the key's marker). A transaction that lost a race with another one on the same
 * items (TransactionConflict, no failed condition) is retried with jittered backoff; a failed
 * condition is final and reported item by item (indexes as in `items`).
 */
export async function commitWithAudit(auditTable: string, items: TransactItem[], entry: AuditEntry): Promise<void> {
  const marker = committedMarker(items);
  const markerAt = items.length + 1;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: [...items, auditItem(auditTable, entry), ...(marker ? [marker.item] : [])] }));
      if (marker) marker.held.committed = true;
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (marker && reasons[markerAt] === 'ConditionalCheckFailed') throw new KeyLost();
      const onlyRaces = reasons.includes('TransactionConflict') && reasons.every((code) => code === 'None' || code === 'TransactionConflict' || code === undefined);
      if (!onlyRaces || attempt >= MAX_ATTEMPTS) throw new TransactionConflict(reasons);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}
