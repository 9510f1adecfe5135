// Photo batches in the records table (shared/domain/photos/batch.ts):
//   PHOTOBATCH#<id> / META        the batch (its organisation, its zip, its job)
//   PHOTOBATCH#<id> / FILE#<n>    what became of entry n of the zip: written once. A matched photo's
//                                 is claimed ('checking') with the upload it makes and settled with
//                                 the photo's settlement, so no retry accepts a file twice
//   PHOTOBATCH#<id> / RUN         held by the batch's job (a job's keep): a zip is worked once
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FileResult, FileStatus, PhotoBatch } from '#shared/domain/photos/batch.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { TransactItem } from './audit.ts';
import { dynamo } from './dynamo-client.ts';
import { queryPage, type PageRequest } from './query-page.ts';
import { tableName } from './resource-names.ts';

const table = () => tableName(RECORDS_TABLE);
const batchKey = (batchId: string) => ({ PK: `PHOTOBATCH#${batchId}`, SK: 'META' });
const FILE_PREFIX = 'FILE#';
// Zero-padded, so the report lists entries in the zip's order.
const fileKey = (batchId: string, entry: number) => ({ PK: `PHOTOBATCH#${batchId}`, SK: `${FILE_PREFIX}${String(entry).padStart(6, '0')}` });
export const batchRunHold = (batchId: string) => ({ PK: `PHOTOBATCH#${batchId}`, SK: 'RUN' });

/** A file while its photo is being checked: claimed, with the upload it made. */
export type StoredFile = FileResult | (Omit<FileResult, 'status' | 'studentId' | 'reason'> & { status: 'checking'; studentId: string; reason: null });

const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, itemType: _type, ...rest } = item;
  return rest as T;
};

export function batchCreateWrite(batch: PhotoBatch): TransactItem {
  return { Put: { TableName: table(), Item: { ...batchKey(batch.batchId), itemType: 'photoBatch', ...batch }, ConditionExpression: 'attribute_not_exists(PK)' } };
}

export async function getBatch(batchId: string): Promise<PhotoBatch | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: batchKey(batchId), ConsistentRead: true }));
  return Item ? strip<PhotoBatch>(Item) : undefined;
}

/** Notes the batch's job; goes into the job's start. */
export function batchJobWrite(batchId: string, jobId: string): TransactItem {
  return { Update: { TableName: table(), Key: batchKey(batchId), UpdateExpression: 'SET jobId = :job', ExpressionAttributeValues: { ':job': jobId }, ConditionExpression: 'attribute_exists(PK)' } };
}

export async function getFile(batchId: string, entry: number): Promise<StoredFile | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table(), Key: fileKey(batchId, entry), ConsistentRead: true }));
  return Item ? strip<StoredFile>(Item) : undefined;
}

/** A file's result, written once (fails its transaction, ConditionalCheckFailed, if the entry has one). */
export function fileResultPut(batchId: string, file: StoredFile): TransactItem {
  return { Put: { TableName: table(), Item: { ...fileKey(batchId, file.entry), itemType: 'photoBatchFile', ...file }, ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** Settles a claimed file (only while it is still being checked). */
export function fileSettleWrite(batchId: string, entry: number, status: FileStatus, reason: string | null): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: fileKey(batchId, entry),
      UpdateExpression: 'SET #status = :status, reason = :reason',
      ConditionExpression: '#status = :checking',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ':reason': reason, ':checking': 'checking' },
    },
  };
}

const unlessDone = (error: Error) => {
  // Written already, by an earlier run of the chunk: that result stands.
  if (error.name !== 'ConditionalCheckFailedException') throw error;
};

/** A result of a file nothing was done with (refused, unmatched): written once. */
export async function recordFile(batchId: string, file: FileResult): Promise<void> {
  const { Put } = fileResultPut(batchId, file);
  await dynamo.send(new PutCommand(Put as ConstructorParameters<typeof PutCommand>[0])).catch(unlessDone);
}

/** Settles a claimed file on its own (its upload was superseded before it was settled). */
export async function settleFile(batchId: string, entry: number, status: FileStatus, reason: string): Promise<void> {
  const { Update } = fileSettleWrite(batchId, entry, status, reason);
  await dynamo.send(new UpdateCommand(Update as ConstructorParameters<typeof UpdateCommand>[0])).catch(unlessDone);
}

/** A page of the batch's files, in the zip's order. */
export async function filesPage(batchId: string, page: PageRequest): Promise<{ items: StoredFile[]; nextCursor: string | null }> {
  const result = await queryPage({ table: table(), partitionKey: 'PK', partition: `PHOTOBATCH#${batchId}`, sortPrefix: { key: 'SK', value: FILE_PREFIX } }, page);
  return { items: result.items.map((item) => strip<StoredFile>(item)), nextCursor: result.nextCursor };
}
