// The exchange's own outbox (跨省交换), in the records table, written in the transaction of the
// change that makes a packet necessary and swept like the changes' outbox:
//   EXCHANGEOUT / <createdAt>#<packetId>     a packet to send to a peer province: what to build,
//                                            then (once, by the first attempt) the sealed packet
//                                            itself, so a retry resends it as sealed; deleted when
//                                            the peer has taken it, kept `failed` when given up
//   EXCHANGEAPPLY / <receivedAt>#<packetId>  a packet received and stored in the inbox, not yet
//                                            applied; deleted in the transaction that applies it
//   EXCHANGECASE#<province>#<caseRef> / CASE the sending side's case opened for a peer's case
//                                            (its request applied once), or that peer case withdrawn
// The queue carries `{work, key}`; the table is the truth, the queue only the carrier.
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { PacketType } from '#shared/domain/exchange/packet.ts';
import { queueUrlEnv } from '#shared/manifest/env-names.ts';
import { EXCHANGE_QUEUE, RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { caseKey } from './change-repo.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
export const OUT_PARTITION = 'EXCHANGEOUT';
export const APPLY_PARTITION = 'EXCHANGEAPPLY';

/** A packet to send. `changeId` is the case whose `delivery` follows it (none for a refusal of a request no case was opened for). */
export interface OutgoingPacket {
  packetId: string;
  kind: Exclude<PacketType, 'receipt'>;
  to: string;
  caseRef: string;
  changeId?: string;
  /** What the packet says beyond the case (a refusal's reason, the peer's case reference): nothing personal. */
  params: Record<string, unknown>;
  createdAt: string;
}

export interface OutboxItem extends OutgoingPacket {
  sk: string;
  state: 'pending' | 'failed';
  attempts: number;
  /** When a message for it should have been processed by: the sweeper sends it again after that. */
  nextCheckAt: string;
  /** The sealed packet (compact JWS), set once. */
  packet?: string;
  lastError?: string;
}

export type ExchangeWork = { work: 'send' | 'apply'; key: string };

const outKey = (sk: string) => ({ PK: OUT_PARTITION, SK: sk });
const applyKey = (sk: string) => ({ PK: APPLY_PARTITION, SK: sk });
export const outboxSk = (packet: Pick<OutgoingPacket, 'createdAt' | 'packetId'>) => `${packet.createdAt}#${packet.packetId}`;

/** The outbox item of a packet, in the transaction that makes it necessary. */
export function outgoingPut(packet: OutgoingPacket): { item: TransactItem; work: ExchangeWork } {
  const sk = outboxSk(packet);
  const item: OutboxItem = { ...packet, sk, state: 'pending', attempts: 0, nextCheckAt: packet.createdAt };
  return { item: { Put: { TableName: table(), Item: { ...outKey(sk), itemType: 'exchangeOut', ...item }, ConditionExpression: 'attribute_not_exists(PK)' } }, work: { work: 'send', key: sk } };
}

export async function getOutgoing(sk: string): Promise<OutboxItem | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: outKey(sk), ConsistentRead: true }));
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, itemType: _type, ...item } = Item;
  return item as OutboxItem;
}

/** Keeps the sealed packet, unless an attempt racing this one sealed it first: then answers that one. */
export async function storeSealed(sk: string, packet: string): Promise<string> {
  try {
    await dynamo.send(new UpdateCommand({ TableName: table(), Key: outKey(sk), UpdateExpression: 'SET packet = :p', ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(packet)', ExpressionAttributeValues: { ':p': packet } }));
    return packet;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const stored = await getOutgoing(sk);
    if (!stored?.packet) throw new Error('outgoing packet vanished while being sealed');
    return stored.packet;
  }
}

/** A failed attempt: counted, and when the next is due (the sweeper leaves it alone until then). */
export async function noteAttempt(sk: string, attempts: number, nextCheckAt: string, error: string): Promise<void> {
  await dynamo
    .send(
      new UpdateCommand({
        TableName: table(),
        Key: outKey(sk),
        UpdateExpression: 'SET attempts = :a, nextCheckAt = :n, lastError = :e',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':a': attempts, ':n': nextCheckAt, ':e': error },
      }),
    )
    .catch((failure: unknown) => {
      if ((failure as Error).name !== 'ConditionalCheckFailedException') throw failure;
    });
}

/** The outbox item gone: the peer took the packet (fails the transaction if another attempt got there first). */
export const outgoingDelete = (sk: string): TransactItem => ({ Delete: { TableName: table(), Key: outKey(sk), ConditionExpression: 'attribute_exists(PK)' } });

/** The outbox item kept as given up (for a person to look at; the message is in the dead-letter queue). */
export const outgoingFailed = (sk: string, attempts: number, error: string): TransactItem => ({
  Update: {
    TableName: table(),
    Key: outKey(sk),
    UpdateExpression: 'SET #state = :failed, attempts = :a, lastError = :e',
    ConditionExpression: 'attribute_exists(PK) AND #state = :pending',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':failed': 'failed', ':pending': 'pending', ':a': attempts, ':e': error },
  },
});

/**
 * The case's `delivery` set to where its packet is, only while the case still waits on that packet.
 * Taken or given up bumps the case's version: a writer that read the case before cannot put its
 * old delivery back. Counting an attempt does not (a stale count is harmless).
 */
export function caseDeliveryUpdate(changeId: string, packetId: string, set: { state?: 'delivered' | 'failed'; attempts: number; at?: string; lastError?: string }): TransactItem {
  const assignments = ['delivery.attempts = :attempts'];
  const values: Record<string, unknown> = { ':packetId': packetId, ':attempts': set.attempts, ':pending': 'pending' };
  const names: Record<string, string> = { '#state': 'state' };
  if (set.state) {
    assignments.push('delivery.#state = :state', '#version = #version + :one');
    values[':state'] = set.state;
    values[':one'] = 1;
    names['#version'] = 'version';
  }
  if (set.at) {
    assignments.push('delivery.#at = :at');
    values[':at'] = set.at;
    names['#at'] = 'at';
  }
  if (set.lastError) {
    assignments.push('delivery.lastError = :error');
    values[':error'] = set.lastError;
  }
  return {
    Update: {
      TableName: table(),
      Key: caseKey(changeId),
      UpdateExpression: `SET ${assignments.join(', ')}`,
      ConditionExpression: 'delivery.packetId = :packetId AND delivery.#state = :pending',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** A failed attempt on the case's delivery, while the case waits on that packet (no new version). */
export async function noteCaseAttempt(changeId: string, packetId: string, attempts: number, error: string): Promise<void> {
  const { Update } = caseDeliveryUpdate(changeId, packetId, { attempts, lastError: error }) as { Update: ConstructorParameters<typeof UpdateCommand>[0] };
  await dynamo.send(new UpdateCommand(Update)).catch((failure: unknown) => {
    if ((failure as Error).name !== 'ConditionalCheckFailedException') throw failure;
  });
}

/** Packets whose message should have been processed before `before` but still wait: the sweeper sends them again. */
export async function staleOutgoing(before: string, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :p',
        FilterExpression: '#state = :pending AND nextCheckAt < :before',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':p': OUT_PARTITION, ':pending': 'pending', ':before': before },
        ProjectionExpression: 'SK',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) keys.push(item.SK as string);
    start = page.LastEvaluatedKey;
  } while (start && keys.length < limit);
  return keys.slice(0, limit);
}

/** A received packet to apply, written with its inbox item. */
export function applyPut(packet: { packetId: string; type: string; from: string; receivedAt: string }): { item: TransactItem; work: ExchangeWork } {
  const sk = `${packet.receivedAt}#${packet.packetId}`;
  return { item: { Put: { TableName: table(), Item: { ...applyKey(sk), itemType: 'exchangeApply', ...packet } } }, work: { work: 'apply', key: sk } };
}

export async function getApply(sk: string): Promise<{ packetId: string; type: string; from: string; receivedAt: string } | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: applyKey(sk), ConsistentRead: true }));
  return Item ? { packetId: Item.packetId as string, type: Item.type as string, from: Item.from as string, receivedAt: Item.receivedAt as string } : undefined;
}

/** The packet applied: its work item goes, once (fails the transaction if applied already). */
export const applyDelete = (sk: string): TransactItem => ({ Delete: { TableName: table(), Key: applyKey(sk), ConditionExpression: 'attribute_exists(PK)' } });

export async function forgetApply(sk: string): Promise<void> {
  await dynamo.send(new DeleteCommand({ TableName: table(), Key: applyKey(sk) }));
}

/** Received packets older than `before` not yet applied. */
export async function staleApplies(before: string, limit: number): Promise<string[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p AND SK < :before', ExpressionAttributeValues: { ':p': APPLY_PARTITION, ':before': before }, ProjectionExpression: 'SK', Limit: limit, ConsistentRead: true }),
  );
  return (Items ?? []).map((item) => item.SK as string);
}

const peerCaseKey = (province: string, caseRef: string) => ({ PK: `EXCHANGECASE#${province}#${caseRef}`, SK: 'CASE' });

/** The sending side's case for a peer's case: written once (fails the transaction if the peer's case was seen before). */
export const peerCasePut = (province: string, caseRef: string, value: { changeId?: string; withdrawn?: string; refused?: string }): TransactItem => ({
  Put: { TableName: table(), Item: { ...peerCaseKey(province, caseRef), itemType: 'peerCase', province, caseRef, ...value }, ConditionExpression: 'attribute_not_exists(PK)' },
});

export async function getPeerCase(province: string, caseRef: string): Promise<{ changeId?: string; withdrawn?: string; refused?: string } | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: peerCaseKey(province, caseRef), ConsistentRead: true }));
  if (!Item) return undefined;
  const value: { changeId?: string; withdrawn?: string; refused?: string } = {};
  for (const field of ['changeId', 'withdrawn', 'refused'] as const) if (typeof Item[field] === 'string') value[field] = Item[field];
  return value;
}

const sqs = new SQSClient({});

/** Sends work messages, ten at a time; answers those SQS did not take (the sweeper retries them). */
export async function sendExchangeWork(messages: ExchangeWork[]): Promise<ExchangeWork[]> {
  const url = process.env[queueUrlEnv(EXCHANGE_QUEUE)];
  if (!url) throw new Error(`${queueUrlEnv(EXCHANGE_QUEUE)} is not set`);
  const failed: ExchangeWork[] = [];
  for (let start = 0; start < messages.length; start += 10) {
    const batch = messages.slice(start, start + 10);
    const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: batch.map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) })) }));
    for (const failure of result.Failed ?? []) failed.push(batch[Number(failure.Id)]!);
  }
  return failed;
}

/** Sends after a commit when it can; the outbox item makes the message certain, sending now only makes it quick. */
export async function sendSoon(messages: ExchangeWork[], log: (error: Error) => void): Promise<void> {
  if (messages.length === 0) return;
  try {
    await sendExchangeWork(messages);
  } catch (error) {
    log(error as Error);
  }
}
