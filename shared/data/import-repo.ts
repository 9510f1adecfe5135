// Imports in the records table (shared/domain/imports/import.ts):
//   IMPORT#<id> / META            the import (its file, the latest job, the run)
//   IMPORTS#<schoolId> / <id>     the same, in the school's list of imports (newest last)
//   IMPORT#<id> / ROW#<n>         row n was written (its new record's id): in the row's own
//                                 enrolment transaction, so a chunk delivered twice writes nothing twice
//   IMPORT#<id> / RUN             held by the import's writing run (a job's keep): it writes once
// The job of each start is a job item (job-repo.ts); its chunks add their counts to it here.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Import } from '#shared/domain/imports/import.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { jobKey } from './job-repo.ts';
import { queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
const importKey = (importId: string) => ({ PK: `IMPORT#${importId}`, SK: 'META' });
const listedKey = (schoolId: string, importId: string) => ({ PK: `IMPORTS#${schoolId}`, SK: importId });
const rowKey = (importId: string, row: number) => ({ PK: `IMPORT#${importId}`, SK: `ROW#${row}` });
export const runHold = (importId: string) => ({ PK: `IMPORT#${importId}`, SK: 'RUN' });
/** Row markers outlive any retry by far, then expire. */
const MARKER_DAYS = 60;

export function importCreateWrites(record: Import): TransactItem[] {
  return [
    { Put: { TableName: table(), Item: { ...importKey(record.importId), itemType: 'import', ...record }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { TableName: table(), Item: { ...listedKey(record.schoolId, record.importId), itemType: 'importListed', ...record } } },
  ];
}

const strip = (item: Record<string, unknown>): Import => {
  const { PK: _pk, SK: _sk, itemType: _type, ...rest } = item;
  return rest as unknown as Import;
};

export async function getImport(importId: string): Promise<Import | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: importKey(importId), ConsistentRead: true }));
  return Item ? strip(Item) : undefined;
}

export async function listImports(schoolId: string, page: PageRequest): Promise<{ items: Import[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), partitionKey: 'PK', partition: `IMPORTS#${schoolId}`, newestFirst: true }, page);
  return { items: result.items.map(strip), nextCursor: result.nextCursor };
}

/** The import's latest job (and its run, for a writing one), on both its items; goes into the job's start. */
export function importJobWrites(record: Import, jobId: string, run: boolean): TransactItem[] {
  const values = { ':job': jobId };
  const expression = run ? 'SET jobId = :job, runJobId = :job' : 'SET jobId = :job';
  return [importKey(record.importId), listedKey(record.schoolId, record.importId)].map((Key) => ({
    Update: { TableName: table(), Key, UpdateExpression: expression, ExpressionAttributeValues: values, ConditionExpression: 'attribute_exists(PK)' },
  }));
}

/** Written with a row's record; fails its transaction (ConditionalCheckFailed) when the row was written before. */
export function rowMarker(importId: string, row: number, studentId: string, now = Date.now()): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: { ...rowKey(importId, row), itemType: 'importRow', studentId, expiresAt: Math.floor(now / 1000) + MARKER_DAYS * 86_400 },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The record an earlier delivery wrote for a row. */
export async function rowStudent(importId: string, row: number): Promise<string | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: rowKey(importId, row), ConsistentRead: true }));
  return Item?.studentId as string | undefined;
}

export interface ChunkCounts {
  done: number;
  errors: number;
  created: number;
  skipped: number;
}

/**
 * Adds a finished chunk's counts to its job, once: only while the job waits at `step` for its
 * chunks and only if this chunk was not counted before. Answers how many chunks are counted now,
 * or undefined when this chunk had been counted (or the job moved on).
 */
export async function countChunk(jobId: string, step: number, chunk: number, counts: ChunkCounts, now: string): Promise<number | undefined> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: jobKey(jobId),
        UpdateExpression: 'SET #done = #done + :done, #errors = #errors + :errors, #state.created = #state.created + :created, #state.skipped = #state.skipped + :skipped, #state.failed = #state.failed + :errors, updatedAt = :now ADD countedChunks :chunk REMOVE sweeps',
        ConditionExpression: '#step = :step AND #status = :running AND (attribute_not_exists(countedChunks) OR NOT contains(countedChunks, :number))',
        ExpressionAttributeNames: { '#done': 'done', '#errors': 'errors', '#state': 'state', '#step': 'step', '#status': 'status' },
        ExpressionAttributeValues: { ':done': counts.done, ':errors': counts.errors, ':created': counts.created, ':skipped': counts.skipped, ':now': now, ':chunk': new Set([chunk]), ':number': chunk, ':step': step, ':running': 'running' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return (Attributes?.countedChunks as Set<number> | undefined)?.size ?? 0;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

/** The chunks of a job counted so far. */
export async function countedChunks(jobId: string): Promise<Set<number>> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: jobKey(jobId), ConsistentRead: true, ProjectionExpression: 'countedChunks' }));
  return (Item?.countedChunks as Set<number> | undefined) ?? new Set();
}

/** Shows a long check going on (rows read so far), and keeps the sweeper from taking the job for stalled. */
export async function heartbeat(jobId: string, step: number, rowsRead: number, now: string): Promise<void> {
  await dynamo
    .send(
      new UpdateCommand({
        TableName: table(),
        Key: jobKey(jobId),
        UpdateExpression: 'SET #status = :running, #state.rowsRead = :rows, updatedAt = :now',
        ConditionExpression: '#step = :step AND #status IN (:queued, :running)',
        ExpressionAttributeNames: { '#status': 'status', '#state': 'state', '#step': 'step' },
        ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued', ':rows': rowsRead, ':now': now, ':step': step },
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}
