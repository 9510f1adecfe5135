// Safe retries of writes (Idempotency-Key): however many copies of a request arrive, in parallel
// or later with a refreshed token, exactly one has an effect and every copy gets its answer.
//
// Per key (scoped by the caller's subject and the route, one item and so one partition per key):
//   IN_PROGRESS  a copy holds the key (a lease as long as its Lambda may run); other copies get
//                409 REQUEST_IN_PROGRESS and change nothing
//   COMMITTED    its effect is written: the marker went into the effect's own transaction, on
//                condition the copy still held the key (shared/data/idempotency-scope.ts)
//   COMPLETED    its answer is stored; copies get that answer again
// A copy that fails before committing releases the key, so a corrected retry can run. If a
// Lambda dies between the commit and storing the answer, a retry rebuilds the answer from what
// the request created (the route's `replay`) instead of running it again.
import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/data/dynamo-client.ts';
import { KeyLost, withHeldKey } from '#shared/data/idempotency-scope.ts';
import { tableName } from '#shared/data/resource-names.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { ApiError, badRequest } from './api-error.ts';

type Result = APIGatewayProxyStructuredResultV2;

export const IDEMPOTENCY_KEY_FORMAT = /^[A-Za-z0-9_-]{8,128}$/;
/** How long an answer is kept for retries. */
const RETENTION_SECONDS = 24 * 60 * 60;
/** Added to the Lambda's remaining time: the lease outlives the copy that holds it. */
const LEASE_MARGIN_MS = 5_000;

/** Rebuilds the answer of a committed request from the item it created. */
export type Replay = (created: { PK: string; SK: string }, principal: Principal) => Promise<Result>;

export interface OnceInput {
  event: APIGatewayProxyEventV2;
  principal: Principal;
  context: Context;
}

interface KeyRecord {
  status: 'IN_PROGRESS' | 'COMMITTED' | 'COMPLETED';
  payload: string;
  lockUntil: number;
  created?: { PK: string; SK: string } | null;
  response?: { statusCode: number; headers: Record<string, string>; body: string };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const inProgress = () => new ApiError(409, 'REQUEST_IN_PROGRESS', '相同的请求正在处理中，请稍后用同一 Idempotency-Key 重试以取得结果', [], { 'retry-after': '2' });

/** Runs `run` at most once per Idempotency-Key of `operationId`; without the header, just runs it. */
export function idempotent(operationId: string, replay: Replay) {
  return async ({ event, principal, context }: OnceInput, run: () => Promise<Result>): Promise<Result> => {
    const key = event.headers['idempotency-key'];
    if (key === undefined) return run();
    if (!IDEMPOTENCY_KEY_FORMAT.test(key)) {
      throw badRequest('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key 应为8至128位字母、数字、下划线或短横线', [{ path: 'Idempotency-Key', code: 'invalid_format', message: 'Idempotency-Key 格式不正确' }]);
    }
    const table = tableName(RECORDS_TABLE);
    // The subject, not the Authorization header: a retry after a token refresh is the same request.
    const itemKey = { PK: `IDEMPOTENCY#${operationId}#${sha256(`${principal.userId}\n${key}`)}`, SK: 'REQUEST' };
    const payload = sha256(`${event.requestContext.http.method} ${event.rawPath}\n${event.body ?? ''}`);
    const lockId = randomUUID();

    for (let attempt = 0; ; attempt += 1) {
      const now = Date.now();
      try {
        await dynamo.send(
          new PutCommand({
            TableName: table,
            Item: { ...itemKey, itemType: 'idempotency', status: 'IN_PROGRESS', lockId, lockUntil: now + context.getRemainingTimeInMillis() + LEASE_MARGIN_MS, payload, expiresAt: Math.floor(now / 1000) + RETENTION_SECONDS },
            // Free, expired, or held by a copy whose lease ran out before it committed anything.
            ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :nowSeconds OR (#status = :inProgress AND lockUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':nowSeconds': Math.floor(now / 1000), ':inProgress': 'IN_PROGRESS', ':now': now },
          }),
        );
        break;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await dynamo.send(new GetCommand({ TableName: table, Key: itemKey, ConsistentRead: true }));
      // Released between our write and this read: try to take it again, once.
      if (!Item && attempt === 0) continue;
      return answerExisting(Item as KeyRecord | undefined, { payload, principal, replay, table, itemKey });
    }

    let result: Result;
    try {
      result = await withHeldKey({ table, key: itemKey, lockId }, run);
    } catch (error) {
      await release(table, itemKey, lockId);
      if (error instanceof KeyLost) throw inProgress();
      throw error;
    }
    const status = result.statusCode ?? 200;
    if (status >= 200 && status < 300) await store(table, itemKey, result, { lockId });
    else await release(table, itemKey, lockId);
    return result;
  };
}

async function answerExisting(
  record: KeyRecord | undefined,
  at: { payload: string; principal: Principal; replay: Replay; table: string; itemKey: { PK: string; SK: string } },
): Promise<Result> {
  if (!record || record.status === 'IN_PROGRESS') throw inProgress();
  if (record.payload !== at.payload) {
    throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一个不同的请求；新的请求请换一个键', [{ path: 'Idempotency-Key', code: 'reused', message: '该键已用于另一个请求' }]);
  }
  if (record.status === 'COMPLETED' && record.response) {
    return { ...record.response, headers: { ...record.response.headers, 'idempotent-replayed': 'true' } };
  }
  // Committed, but the copy that did it stopped before storing its answer.
  if (!record.created) throw inProgress();
  const result = await at.replay(record.created, at.principal);
  await store(at.table, at.itemKey, result, { committed: true });
  return { ...result, headers: { ...result.headers, 'idempotent-replayed': 'true' } };
}

async function store(table: string, key: { PK: string; SK: string }, result: Result, owner: { lockId: string } | { committed: true }): Promise<void> {
  const response = { statusCode: result.statusCode ?? 200, headers: (result.headers ?? {}) as Record<string, string>, body: result.body ?? '' };
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET #status = :completed, #response = :response REMOVE lockId',
        ConditionExpression: 'lockId' in owner ? 'lockId = :lock' : '#status = :committed',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
        ExpressionAttributeValues: { ':completed': 'COMPLETED', ':response': response, ...('lockId' in owner ? { ':lock': owner.lockId } : { ':committed': 'COMMITTED' }) },
      }),
    );
  } catch (error) {
    // Another copy stored the same answer first; nothing is lost.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Frees a key this copy holds and has not committed under, so a corrected retry can run. */
async function release(table: string, key: { PK: string; SK: string }, lockId: string): Promise<void> {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: table,
        Key: key,
        ConditionExpression: '#status = :inProgress AND lockId = :lock',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':lock': lockId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
