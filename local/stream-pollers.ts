// Lambda's DynamoDB stream event-source semantics, locally, over DynamoDB Local's streams API:
// each shard read in order from the trigger's starting position, only the records of the
// trigger's item types passed on (the event filter), the consumer invoked with a batch. A thrown
// error retries the batch, a `batchItemFailures` answer retries from the record it names; after
// `retryAttempts` retries the batch is set aside (logged, as the on-failure destination would get
// it) and the shard moves on. How far each shard was processed is kept in the data folder, as the
// event source mapping keeps it, so a restart goes on where it stopped.
//
// The streams API (DynamoDBStreams_20120810) is sent with fetch, signed by the SDK's own signer:
// @aws-sdk/client-dynamodb-streams is not among the project's dependencies.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { FunctionDef, Trigger } from '#shared/manifest/types.ts';
import type { LocalFunctions } from './functions.ts';

export interface StreamPoller {
  stop(): Promise<void>;
}

type StreamTrigger = Extract<Trigger, { kind: 'tableStream' }>;

interface Shard {
  ShardId: string;
  ParentShardId?: string;
}

/** A client of the streams API on one endpoint. */
function streamsApi(endpoint: string, region: string) {
  const signer = new SignatureV4({ service: 'dynamodb', region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, sha256: Hash.bind(null, 'sha256') });
  const url = new URL(endpoint);
  return async <T>(service: 'DynamoDB_20120810' | 'DynamoDBStreams_20120810', operation: string, input: object, signal: AbortSignal): Promise<T> => {
    const body = JSON.stringify(input);
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `${service}.${operation}` },
      body,
    });
    const response = await fetch(endpoint, { method: 'POST', headers: signed.headers, body, signal });
    const answer = (await response.json()) as T & { __type?: string; message?: string; Message?: string };
    if (!response.ok) throw Object.assign(new Error(`${operation}: ${answer.__type ?? response.status} ${answer.message ?? answer.Message ?? ''}`), { type: answer.__type ?? '' });
    return answer;
  };
}

/** The last sequence number processed per shard, in a file of the data folder. */
function checkpoints(file: string) {
  let done: Record<string, string> = {};
  try {
    done = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    // First start: nothing processed yet.
  }
  return {
    get: (shardId: string): string | undefined => done[shardId],
    set(shardId: string, sequenceNumber: string) {
      done[shardId] = sequenceNumber;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(done));
    },
  };
}

const imageType = (image: Record<string, { S?: string }> | undefined) => image?.itemType?.S;

export function startStreamPoller(options: {
  fn: FunctionDef;
  trigger: StreamTrigger;
  /** The table's physical name. */
  table: string;
  endpoint: string;
  region: string;
  functions: LocalFunctions;
  checkpointFile: string;
}): StreamPoller {
  const { fn, trigger } = options;
  const api = streamsApi(options.endpoint, options.region);
  const saved = checkpoints(options.checkpointFile);
  const wanted = new Set(trigger.itemTypes);
  const abort = new AbortController();
  let running = true;
  const iterators = new Map<string, string>();
  const finished = new Set<string>();
  const attempts = new Map<string, number>();

  const iteratorAt = async (streamArn: string, shardId: string, position: { type: string; sequenceNumber?: string }) =>
    (await api<{ ShardIterator: string }>('DynamoDBStreams_20120810', 'GetShardIterator', { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: position.type, ...(position.sequenceNumber ? { SequenceNumber: position.sequenceNumber } : {}) }, abort.signal)).ShardIterator;

  async function openShards(streamArn: string): Promise<void> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await api<{ StreamDescription: { Shards: Shard[]; LastEvaluatedShardId?: string } }>('DynamoDBStreams_20120810', 'DescribeStream', { StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }, abort.signal);
      shards.push(...StreamDescription.Shards);
      start = StreamDescription.LastEvaluatedShardId;
    } while (start);
    const known = new Set(shards.map((shard) => shard.ShardId));
    for (const shard of shards) {
      if (iterators.has(shard.ShardId) || finished.has(shard.ShardId)) continue;
      // A child shard waits for its parent, as on AWS, so one item's writes stay in order.
      if (shard.ParentShardId && known.has(shard.ParentShardId) && !finished.has(shard.ParentShardId)) continue;
      const after = saved.get(shard.ShardId);
      try {
        iterators.set(shard.ShardId, await iteratorAt(streamArn, shard.ShardId, after ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: after } : { type: trigger.startingPosition }));
      } catch (error) {
        // The checkpoint is older than what the stream still keeps: go on from the oldest record kept.
        if ((error as { type?: string }).type?.endsWith('TrimmedDataAccessException')) iterators.set(shard.ShardId, await iteratorAt(streamArn, shard.ShardId, { type: 'TRIM_HORIZON' }));
        else throw error;
      }
    }
  }

  /** One GetRecords on a shard and its batch; true when it read records. */
  async function pollShard(streamArn: string, shardId: string, iterator: string): Promise<boolean> {
    const { Records, NextShardIterator } = await api<{ Records: DynamoDBRecord[]; NextShardIterator?: string }>('DynamoDBStreams_20120810', 'GetRecords', { ShardIterator: iterator, Limit: trigger.batchSize }, abort.signal);
    const moveOn = () => {
      if (NextShardIterator) iterators.set(shardId, NextShardIterator);
      else {
        iterators.delete(shardId);
        finished.add(shardId);
      }
    };
    if (Records.length === 0) {
      moveOn();
      return false;
    }
    const batch = Records.filter((record) => wanted.has(imageType(record.dynamodb?.NewImage) ?? '') || wanted.has(imageType(record.dynamodb?.OldImage) ?? '')).map((record) => ({ ...record, eventSourceARN: streamArn }));
    const failedAt = batch.length > 0 ? await invoke(batch) : undefined;
    const tries = (attempts.get(shardId) ?? 0) + 1;
    if (failedAt !== undefined && tries <= trigger.retryAttempts) {
      attempts.set(shardId, tries);
      await sleep(Math.min(5000, 100 * 2 ** tries));
      iterators.set(shardId, await iteratorAt(streamArn, shardId, { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: failedAt }));
      return true;
    }
    if (failedAt !== undefined) console.error(`[stream ${fn.id}] batch set aside after ${trigger.retryAttempts} retries: records ${failedAt} to ${batch.at(-1)?.dynamodb?.SequenceNumber ?? '?'} of shard ${shardId}`);
    attempts.delete(shardId);
    saved.set(shardId, Records.at(-1)!.dynamodb!.SequenceNumber!);
    moveOn();
    return true;
  }

  /** Invokes the consumer; the sequence number to retry from, or undefined when the batch succeeded. */
  async function invoke(batch: DynamoDBRecord[]): Promise<string | undefined> {
    try {
      const event: DynamoDBStreamEvent = { Records: batch };
      const result = (await options.functions.invoke(fn, event)) as DynamoDBBatchResponse | undefined;
      return result?.batchItemFailures[0]?.itemIdentifier;
    } catch (error) {
      console.error(`[stream ${fn.id}] batch failed, it will be retried:`, error instanceof Error ? error.message : error);
      return batch[0]!.dynamodb!.SequenceNumber!;
    }
  }

  const loop = (async () => {
    let streamArn: string | undefined;
    let describedAt = 0;
    while (running) {
      try {
        streamArn ??= (await api<{ Table: { LatestStreamArn?: string } }>('DynamoDB_20120810', 'DescribeTable', { TableName: options.table }, abort.signal)).Table.LatestStreamArn;
        if (!streamArn) throw new Error(`table ${options.table} has no stream`);
        // New shards (DynamoDB rolls them over) are looked for every second.
        if (Date.now() - describedAt > 1000) {
          await openShards(streamArn);
          describedAt = Date.now();
        }
        let busy = false;
        for (const [shardId, iterator] of [...iterators]) busy = (await pollShard(streamArn, shardId, iterator)) || busy;
        if (!busy) await sleep(200, undefined, { signal: abort.signal });
      } catch (error) {
        if (!running) break;
        console.error(`[stream ${fn.id}] poll error:`, error instanceof Error ? error.message : error);
        iterators.clear();
        await sleep(500);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      abort.abort();
      await loop;
    },
  };
}
