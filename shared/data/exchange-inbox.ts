// Packets received from other deployments (跨省交换), one item each in the records table:
// EXCHANGEIN#<packetId> / PACKET. Written once, by a conditional put in the same transaction as its
// audit entry, so a packet delivered twice has one effect; the second delivery reads the first's
// item and answers its receipt. The packet is kept as it came, its personal data still encrypted
// to this deployment's key: only the step that acts on it opens it again.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { commitWithAudit, TransactionConflict, type AuditEntry, type TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
export const inboxKey = (packetId: string) => ({ PK: `EXCHANGEIN#${packetId}`, SK: 'PACKET' });

export interface InboxItem {
  packetId: string;
  type: string;
  from: string;
  caseRef: string;
  /** SHA-256 of the signed payload: a second delivery with another one is a replay. */
  digest: string;
  /** The compact JWS as received. */
  packet: string;
  /** The signed receipt answered, answered again to a second delivery. */
  receipt: string;
  receivedAt: string;
  // Not `expiresAt`: that is the records table's TTL attribute, and the item must stay.
  packetExpiresAt: string;
}

export async function getInboxItem(packetId: string): Promise<InboxItem | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: inboxKey(packetId), ConsistentRead: true }));
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, itemType: _type, ...item } = Item;
  return item as InboxItem;
}

/**
 * Stores the packet with its audit entry and `also` (the work item that applies it, shared/data/
 * exchange-outbox.ts); `exists` when a packet of this id was stored before (nothing written).
 */
export async function storeReceived(item: InboxItem, entry: AuditEntry, also: TransactItem[] = []): Promise<'stored' | 'exists'> {
  const put = { Put: { TableName: table(), Item: { ...inboxKey(item.packetId), itemType: 'exchangeIn', ...item }, ConditionExpression: 'attribute_not_exists(PK)' } };
  try {
    await commitWithAudit(table(), [put, ...also], entry);
    return 'stored';
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') return 'exists';
    throw error;
  }
}

/** An audit entry alone: a refused packet changes nothing else. */
export async function auditOnly(entry: AuditEntry): Promise<void> {
  await commitWithAudit(table(), [], entry);
}
