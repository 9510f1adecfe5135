// The backup folder's layout and its manifest, and the encoding of items and objects in it:
//   backup.json                    what was backed up, with counts and digests
//   tables/<table>.jsonl           one item a line, in DynamoDB's JSON (binary values base64)
//   buckets/<bucket>/objects.jsonl one object a line: key, file, type, metadata, size, sha256
//   buckets/<bucket>/<n>           the objects' bytes
// A digest is order-free (the sum of the SHA-256 of each entry, modulo 2^256), so a restored
// table, scanned in whatever order DynamoDB returns it, is compared in constant memory.
import { createHash } from 'node:crypto';
import type { AttributeValue, KeySchemaElement, AttributeDefinition, GlobalSecondaryIndexDescription } from '@aws-sdk/client-dynamodb';

export const BACKUP_FORMAT = 1;
export const BACKUP_FILE = 'backup.json';
export const tableFile = (table: string): string => `tables/${table}.jsonl`;
export const bucketFolder = (bucket: string): string => `buckets/${bucket}`;
export const OBJECTS_FILE = 'objects.jsonl';

export interface TableBackup {
  name: string;
  file: string;
  items: number;
  digest: string;
  /** As DynamoDB Local described it, for whoever reads the backup without this code. */
  keySchema: KeySchemaElement[];
  attributes: AttributeDefinition[];
  indexes: { name: string; keySchema: KeySchemaElement[] }[];
}

export interface BucketBackup {
  name: string;
  folder: string;
  objects: number;
  bytes: number;
  digest: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The data folder backed up. */
  source: string;
  tables: TableBackup[];
  buckets: BucketBackup[];
}

export interface ObjectEntry {
  key: string;
  file: string;
  size: number;
  sha256: string;
  contentType?: string;
  contentDisposition?: string;
  metadata: Record<string, string>;
}

export function indexesOf(indexes: GlobalSecondaryIndexDescription[] | undefined): TableBackup['indexes'] {
  return (indexes ?? []).map((index) => ({ name: index.IndexName ?? '', keySchema: index.KeySchema ?? [] }));
}

type JsonValue = string | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An item as JSON with its binary values in base64 and its keys sorted: one canonical line. */
export function itemLine(item: Record<string, AttributeValue>): string {
  return canonical(encodeMap(item));
}

export function itemFromLine(line: string): Record<string, AttributeValue> {
  return decodeMap(JSON.parse(line) as Record<string, Record<string, JsonValue>>);
}

function encodeMap(map: Record<string, AttributeValue>): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, encode(value)]));
}

function encode(value: AttributeValue): JsonValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString('base64')) };
  if (value.M !== undefined) return { M: encodeMap(value.M) };
  if (value.L !== undefined) return { L: value.L.map(encode) };
  // S, N, BOOL, NULL, SS, NS: JSON already.
  return value as unknown as JsonValue;
}

function decodeMap(map: Record<string, Record<string, JsonValue>>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, decode(value)]));
}

function decode(value: Record<string, JsonValue>): AttributeValue {
  if (typeof value.B === 'string') return { B: Buffer.from(value.B, 'base64') };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((text) => Buffer.from(String(text), 'base64')) };
  if (value.M && typeof value.M === 'object' && !Array.isArray(value.M)) return { M: decodeMap(value.M as Record<string, Record<string, JsonValue>>) };
  if (Array.isArray(value.L)) return { L: value.L.map((entry) => decode(entry as Record<string, JsonValue>)) };
  return value as unknown as AttributeValue;
}

function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The line an object is compared by: everything of it but where its bytes were written. */
export function objectFingerprint(entry: Omit<ObjectEntry, 'file'>): string {
  return canonical({ key: entry.key, size: String(entry.size), sha256: entry.sha256, contentType: entry.contentType ?? null, contentDisposition: entry.contentDisposition ?? null, metadata: entry.metadata });
}

const MODULUS = 1n << 256n;

/** Adds up the SHA-256 of each entry given, in any order. */
export class OrderFreeDigest {
  #sum = 0n;
  #count = 0;

  add(line: string): void {
    this.#sum = (this.#sum + BigInt(`0x${createHash('sha256').update(line).digest('hex')}`)) % MODULUS;
    this.#count += 1;
  }

  get count(): number {
    return this.#count;
  }

  get hex(): string {
    return this.#sum.toString(16).padStart(64, '0');
  }
}
