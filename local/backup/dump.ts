// Writes one table (every item, page by page) and one bucket (every object, streamed to a file)
// into the backup folder, with their counts and digests. Memory stays flat: a page of items or one
// object's stream at a time, and the file writes wait for the disk.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DescribeTableCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { bucketFolder, indexesOf, itemLine, objectFingerprint, OBJECTS_FILE, OrderFreeDigest, tableFile, type BucketBackup, type ObjectEntry, type TableBackup } from './format.ts';

async function writeLine(out: WriteStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

export async function dumpTable(client: DynamoDBClient, name: string, folder: string): Promise<TableBackup> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const file = tableFile(name);
  mkdirSync(dirname(join(folder, file)), { recursive: true });
  const out = createWriteStream(join(folder, file));
  const digest = new OrderFreeDigest();
  let start: Record<string, AttributeValue> | undefined;
  do {
    // Consistent reads: whatever was last written is in the backup.
    const page = await client.send(new ScanCommand({ TableName: name, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const line = itemLine(item);
      digest.add(line);
      await writeLine(out, line);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  await close(out);
  return {
    name,
    file,
    items: digest.count,
    digest: digest.hex,
    keySchema: Table?.KeySchema ?? [],
    attributes: Table?.AttributeDefinitions ?? [],
    indexes: indexesOf(Table?.GlobalSecondaryIndexes),
  };
}

/** Every object of the bucket, as `visit` sees each (its entry and its bytes' stream). */
export async function eachObject(s3: S3Client, bucket: string, visit: (key: string, body: Readable, head: Omit<ObjectEntry, 'file' | 'size' | 'sha256'>) => Promise<void>): Promise<void> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const { Key } of page.Contents ?? []) {
      if (Key === undefined) continue;
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      await visit(Key, object.Body as Readable, {
        key: Key,
        ...(object.ContentType ? { contentType: object.ContentType } : {}),
        ...(object.ContentDisposition ? { contentDisposition: object.ContentDisposition } : {}),
        metadata: object.Metadata ?? {},
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** Hashes and counts a stream's bytes as they pass. */
export function measuring(): { through: Transform; result(): { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let size = 0;
  const through = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { through, result: () => ({ size, sha256: hash.digest('hex') }) };
}

export async function dumpBucket(s3: S3Client, name: string, folder: string): Promise<BucketBackup> {
  const where = bucketFolder(name);
  mkdirSync(join(folder, where), { recursive: true });
  const list = createWriteStream(join(folder, where, OBJECTS_FILE));
  const digest = new OrderFreeDigest();
  let bytes = 0;
  // Numbered files, not keys: a key may be a prefix of another (a/ and a/b), or no valid file name.
  await eachObject(s3, name, async (_key, body, head) => {
    const file = String(digest.count + 1).padStart(6, '0');
    const measure = measuring();
    await pipeline(body, measure.through, createWriteStream(join(folder, where, file)));
    const entry: ObjectEntry = { ...head, file, ...measure.result() };
    bytes += entry.size;
    digest.add(objectFingerprint(entry));
    await writeLine(list, JSON.stringify(entry));
  });
  await close(list);
  return { name, folder: where, objects: digest.count, bytes, digest: digest.hex };
}
