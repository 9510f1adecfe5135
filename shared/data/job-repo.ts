// Jobs in the records table (shared/domain/jobs.ts). The job item is the truth; each chunk
// replaces it under the step it was read at, so of two deliveries of one chunk only one moves it on:
//   JOB#<id> / JOB               the job (its state, counts, step)
//   JOB#<id> / ITEM#<key>        an item the job has done (a student's change): written in the
//                                item's own transaction, so a chunk run twice has no second effect
//   JOB#<id> / AUDIT#...         who started it (audit writer)
//   JOBS#ACTIVE / <jobId>        jobs not finished yet: the sweeper resumes one that stalled
//   <hold>                       what a job holds while it runs (a school's year-end hold), released with it
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isFinished, type HeldItem, type Job } from '#shared/domain/jobs.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);

export const jobKey = (jobId: string) => ({ PK: `JOB#${jobId}`, SK: 'JOB' });
const itemKey = (jobId: string, item: string) => ({ PK: `JOB#${jobId}`, SK: `ITEM#${item}` });
const ACTIVE_PARTITION = 'JOBS#ACTIVE';
const activeKey = (jobId: string) => ({ PK: ACTIVE_PARTITION, SK: jobId });
/** Done-markers outlive any retry by far, then expire. */
const MARKER_DAYS = 30;

const put = (Item: Record<string, unknown>, ConditionExpression?: string): TransactItem => ({ Put: { TableName: table(), Item, ...(ConditionExpression ? { ConditionExpression } : {}) } });

/** A new job, listed as active, with what it holds; each hold fails the transaction (ConditionalCheckFailed) while another job has it. Order: job, active entry, holds, keeps. */
export function jobCreateWrites(job: Job): TransactItem[] {
  return [
    put({ ...jobKey(job.jobId), itemType: 'job', ...job }, 'attribute_not_exists(PK)'),
    put({ ...activeKey(job.jobId), itemType: 'activeJob', jobId: job.jobId, kind: job.kind }),
    ...[...job.holds, ...(job.keeps ?? [])].map((hold) => put({ ...hold, itemType: 'jobHold', jobId: job.jobId, kind: job.kind }, 'attribute_not_exists(PK)')),
  ];
}

function toJob(item: Record<string, unknown>): Job {
  const { PK: _pk, SK: _sk, itemType: _type, ...job } = item;
  return job as unknown as Job;
}

export async function getJob(jobId: string): Promise<Job | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: jobKey(jobId), ConsistentRead: true }));
  return Item ? toJob(Item) : undefined;
}

/** The job holding an item, if any (to name it in a refusal). */
export async function holderOf(hold: HeldItem): Promise<string | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: hold, ConsistentRead: true }));
  return Item?.jobId as string | undefined;
}

/**
 * Replaces the job with `next`, only if it is still at `fromStep` and not finished; a finished job
 * leaves the active list and releases its holds in the same transaction. False when another
 * delivery moved it first.
 */
export async function replaceJob(next: Job, fromStep: number): Promise<boolean> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table(),
        Item: { ...jobKey(next.jobId), itemType: 'job', ...next },
        ConditionExpression: '#step = :from AND #status IN (:queued, :running)',
        ExpressionAttributeNames: { '#step': 'step', '#status': 'status' },
        ExpressionAttributeValues: { ':from': fromStep, ':queued': 'queued', ':running': 'running' },
      },
    },
  ];
  if (isFinished(next.status)) {
    items.push({ Delete: { TableName: table(), Key: activeKey(next.jobId) } });
    for (const hold of [...next.holds, ...(next.status === 'failed' ? (next.keeps ?? []) : [])]) {
      items.push({ Delete: { TableName: table(), Key: hold, ConditionExpression: 'attribute_not_exists(PK) OR jobId = :job', ExpressionAttributeValues: { ':job': next.jobId } } });
    }
  }
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/**
 * Counts one resend of a stalled job's step, only if the job has not moved since it was read (an
 * update, not a replacement: an import's chunks add their counts to the job item meanwhile).
 */
export async function markSwept(job: Job, at: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: jobKey(job.jobId),
        UpdateExpression: 'SET sweeps = :sweeps, updatedAt = :at',
        ConditionExpression: '#step = :step AND updatedAt = :read AND #status IN (:queued, :running)',
        ExpressionAttributeNames: { '#step': 'step', '#status': 'status' },
        ExpressionAttributeValues: { ':sweeps': (job.sweeps ?? 0) + 1, ':at': at, ':step': job.step, ':read': job.updatedAt, ':queued': 'queued', ':running': 'running' },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Marks an item done by the job; goes into the item's own transaction and fails it (ConditionalCheckFailed) if the job did it before. */
export function itemDonePut(jobId: string, item: string, now = Date.now()): TransactItem {
  return put({ ...itemKey(jobId, item), itemType: 'jobItem', expiresAt: Math.floor(now / 1000) + MARKER_DAYS * 86_400 }, 'attribute_not_exists(PK)');
}

export async function isItemDone(jobId: string, item: string): Promise<boolean> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: itemKey(jobId, item), ConsistentRead: true, ProjectionExpression: 'PK' }));
  return Item !== undefined;
}

/** Jobs not finished yet (a handful at any time). */
export async function activeJobIds(): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': ACTIVE_PARTITION }, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) ids.push(item.SK as string);
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

/** Forgets an active entry whose job is gone or finished (left by an interrupted write). */
export async function dropActive(jobId: string): Promise<void> {
  await dynamo.send(new DeleteCommand({ TableName: table(), Key: activeKey(jobId) }));
}
