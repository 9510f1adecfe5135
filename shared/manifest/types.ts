// The vocabulary of the app manifest: the single description of what runs, what triggers it and
// what it may touch. Both the CDK stacks and the local runtime are built by walking it.
import type { FunctionAsset } from '#shared/aws/function-assets.ts';

export type TableName = string;
export type BucketName = string;
export type QueueName = string;

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDef {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** The attributes the index copies besides the keys; every attribute when omitted. */
  include?: readonly string[];
}

export interface TableDef {
  name: TableName;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes: IndexDef[];
  ttlAttribute?: string;
  /** New and old images on a stream, for replication and downstream consumers. */
  stream?: boolean;
}

export interface BucketDef {
  name: BucketName;
  /** Browsers upload straight to the bucket with presigned POSTs, so the web origin needs CORS. */
  browserUploads: boolean;
  /** Objects under these prefixes expire after the given number of days (temporary uploads). */
  expiringPrefixes?: { prefix: string; days: number }[];
  /** Copied to a bucket in another region when the deployment names one (off-site backups). */
  replicated?: boolean;
}

export interface QueueDef {
  name: QueueName;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
  /** Receives after which a message moves to the queue's dead-letter queue. */
  maxReceiveCount: number;
}

/** EventBridge-style cron fields, all in UTC; omitted fields mean "every". */
export interface CronSchedule {
  minute: string;
  hour?: string;
  day?: string;
  month?: string;
  weekDay?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Trigger =
  | { kind: 'http'; method: HttpMethod; route: string; auth: 'jwt' | 'none' }
  /** Every request no route matches (API Gateway's `$default` route), so it too gets the API's error shape. */
  | { kind: 'http-default' }
  /**
   * `maxConcurrency`: how many invocations work the queue at once (the event source's maximum
   * concurrency on AWS, 2 at least; that many pollers locally). One when absent locally.
   */
  | { kind: 'queue'; queue: QueueName; batchSize: number; maxBatchingWindowSeconds?: number; maxConcurrency?: number }
  /** `input`, when given, is the event the function receives (tells apart two schedules of one function). */
  | { kind: 'schedule'; cron: CronSchedule; input?: Record<string, string> }
  | { kind: 'bucket'; bucket: BucketName; prefix: string }
  /**
   * A table's stream (new and old images), each shard in order: Lambda's DynamoDB event source on
   * AWS, a poller locally. Only records whose new or old image has one of `itemTypes` reach the
   * function (an event filter on AWS), so its own writes to the table do not invoke it again. A
   * failed batch is retried (`retryAttempts` times, then its records are set aside: a dead-letter
   * queue on AWS, the log locally); the function reports the first record it did not process.
   */
  | { kind: 'tableStream'; table: TableName; batchSize: number; startingPosition: 'TRIM_HORIZON' | 'LATEST'; itemTypes: readonly string[]; retryAttempts: number };

export type DataAccess = 'read' | 'readwrite';
/** `export`: neither reads nor writes items, only starts exports of the table to S3 (its backups). */
export type TableAccess = DataAccess | 'export';
/** `consumeAndSend`: a consumer that also sends to its own queue (a job's next chunk). */
export type QueueAccess = 'send' | 'consume' | 'consumeAndSend';

export interface FunctionDef {
  /** Stable logical id, also the CDK construct id. */
  id: string;
  /**
   * Entry file relative to the repository root. An HTTP function usually serves one area's routes
   * (its entry dispatches on the route key): one function per area keeps the stack far below
   * CloudFormation's 500 resources and the functions warm at low traffic.
   */
  entry: string;
  description: string;
  triggers: Trigger[];
  tables?: Record<TableName, TableAccess>;
  buckets?: Record<BucketName, DataAccess>;
  queues?: Record<QueueName, QueueAccess>;
  memoryMb?: number;
  timeoutSeconds?: number;
  /** Files shipped next to the function's bundle (a font), found there by `assetPath` (shared/aws/function-assets.ts). */
  assets?: FunctionAsset[];
  /** Exists only in the local runtime (the dev login); never synthesized into a cloud stack. */
  localOnly?: boolean;
  /** Exists only in the cloud (what the emulators cannot do, such as table exports); never run locally. */
  cloudOnly?: boolean;
  /**
   * Runs schedules kept as data (a user's export schedule): locally, `POST /local/schedules/<id>/run`
   * with an id no function has invokes this function with `input` plus `scheduleId`, to run that
   * schedule now. The function answers `{ found: false }` for an id it does not know.
   */
  dataSchedules?: { input: Record<string, string> };
}

export interface AppManifest {
  tables: TableDef[];
  buckets: BucketDef[];
  queues: QueueDef[];
  functions: FunctionDef[];
}
