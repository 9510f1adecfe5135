// The audit writer: an audit entry commits in the same DynamoDB transaction as the change it
// records, so there is never a change without its entry, nor an entry for a change that failed.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamo } from './clients.ts';

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

/** Writes `items` and the audit entry atomically (at most 99 items plus the entry). */
export async function commitWithAudit(auditTable: string, items: TransactItem[], entry: AuditEntry): Promise<void> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: [...items, auditItem(auditTable, entry)] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw new TransactionConflict((error.CancellationReasons ?? []).map((reason) => reason.Code));
    }
    throw error;
  }
}
