// Loads one table's items (BatchWriteItem, 25 at a time, what is left unprocessed sent again) and
// one bucket's objects (each streamed from its file with its type and metadata) from the backup
// folder; and reads them back, as the backup counted them, to check the restore.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { eachObject, measuring } from './dump.ts';
import { itemFromLine, itemLine, objectFingerprint, OBJECTS_FILE, OrderFreeDigest, type BucketBackup, type ObjectEntry, type TableBackup } from './format.ts';

const BATCH = 25;
/** Batches in flight at once: DynamoDB Local commits a batch item by item, so a few side by side help. */
const PARALLEL = 4;

async function* lines(file: string): AsyncGenerator<string> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line) yield line;
}

async function writeBatch(client: DynamoDBClient, table: string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) await sleep(Math.min(1000, 50 * 2 ** attempt));
    const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
    pending = UnprocessedItems?.[table] ?? [];
    if (attempt > 20 && pending.length > 0) throw new Error(`${table}: ${pending.length} items still unprocessed after ${attempt} attempts`);
  }
}

export async function loadTable(client: DynamoDBClient, table: TableBackup, folder: string): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  let batch: WriteRequest[] = [];
  let count = 0;
  const send = async (requests: WriteRequest[]) => {
    const write = writeBatch(client, table.name, requests).finally(() => inFlight.delete(write));
    inFlight.add(write);
    if (inFlight.size >= PARALLEL) await Promise.race(inFlight);
  };
  for await (const line of lines(join(folder, table.file))) {
    batch.push({ PutRequest: { Item: itemFromLine(line) } });
    count += 1;
    if (batch.length === BATCH) {
      await send(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await send(batch);
  await Promise.all(inFlight);
  return count;
}

/** The table's count and digest as it now is, to compare with the backup's. */
export async function tableDigest(client: DynamoDBClient, table: string): Promise<{ items: number; digest: string }> {
  const digest = new OrderFreeDigest();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) digest.add(itemLine(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return { items: digest.count, digest: digest.hex };
}

export async function loadBucket(s3: S3Client, bucket: BucketBackup, folder: string): Promise<number> {
  let count = 0;
  for await (const line of lines(join(folder, bucket.folder, OBJECTS_FILE))) {
    const entry = JSON.parse(line) as ObjectEntry;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket.name,
        Key: entry.key,
        Body: createReadStream(join(folder, bucket.folder, entry.file)),
        ContentLength: entry.size,
        ContentType: entry.contentType,
        ContentDisposition: entry.contentDisposition,
        Metadata: entry.metadata,
      }),
    );
    count += 1;
  }
  return count;
}

/** The bucket's count and digest as it now is, every object's bytes read back. */
export async function bucketDigest(s3: S3Client, bucket: string): Promise<{ objects: number; bytes: number; digest: string }> {
  const digest = new OrderFreeDigest();
  let bytes = 0;
  await eachObject(s3, bucket, async (_key, body, head) => {
    const measure = measuring();
    await pipeline(body, measure.through, new Writable({ write: (_chunk, _encoding, done) => done() }));
    const { size, sha256 } = measure.result();
    bytes += size;
    digest.add(objectFingerprint({ ...head, size, sha256 }));
  });
  return { objects: digest.count, bytes, digest: digest.hex };
}
