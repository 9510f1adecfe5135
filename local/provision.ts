// Creates the manifest's tables, buckets and queues in the emulators (idempotent, so a restart
// keeps data) and returns the environment that tells handlers their physical names.
import type {
  DynamoDBClient} from '@aws-sdk/client-dynamodb';
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
} from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AppManifest, QueueDef, TableDef } from '#shared/manifest/types.ts';
import { bucketEnv, queueUrlEnv, tableEnv } from '#shared/manifest/env-names.ts';

export interface ProvisionedQueue {
  url: string;
  arn: string;
}

export interface Provisioned {
  env: Record<string, string>;
  queues: Map<string, ProvisionedQueue>;
  buckets: Map<string, string>;
}

export interface EmulatorClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  sqs: SQSClient;
  /** The emulator's address, where queue URLs must point. */
  sqsAddress: string;
}

async function createTable(client: DynamoDBClient, table: TableDef): Promise<void> {
  const attributes = new Map<string, AttributeDefinition>();
  const remember = (key: { name: string; type: 'S' | 'N' } | undefined) => {
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  };
  remember(table.partitionKey);
  remember(table.sortKey);
  for (const index of table.indexes) {
    remember(index.partitionKey);
    remember(index.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes.values()],
        KeySchema: [
          { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
          ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        ...(table.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: table.indexes.map((index) => ({
                IndexName: index.name,
                KeySchema: [
                  { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
                  ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
                ],
                Projection: index.include ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.include] } : { ProjectionType: 'ALL' as const },
              })),
            }
          : {}),
        ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const } } : {}),
      }),
    );
    if (table.ttlAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({ TableName: table.name, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute } }),
      );
    }
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, table, [...attributes.values()]);
  }
}

// A data folder from an older version keeps its data: indexes added to the manifest since are
// created on the existing table, as a CloudFormation update would.
async function addMissingIndexes(client: DynamoDBClient, table: TableDef, attributes: AttributeDefinition[]): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of table.indexes.filter((candidate) => !existing.has(candidate.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: table.name,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
              ],
              Projection: index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] } : { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
  }
}

export const physicalQueueName = (queue: QueueDef, suffix = ''): string => `${queue.name}${suffix}${queue.fifo ? '.fifo' : ''}`;

/**
 * The emulator names queues `http://sqs.<region>.localhost:<port>/…`, a host Node cannot resolve
 * here; the SDK sends to the queue URL's host whenever it differs from the client's endpoint. The
 * same path on the emulator's own address reaches the same queue.
 */
function onEmulator(queueUrl: string, sqsAddress: string): string {
  const { pathname } = new URL(queueUrl);
  return `${sqsAddress.replace(/\/$/, '')}${pathname}`;
}

async function createQueue(client: SQSClient, queue: QueueDef, sqsAddress: string): Promise<ProvisionedQueue> {
  const fifo = queue.fifo ? { FifoQueue: 'true' } : {};
  const dlq = await client.send(new CreateQueueCommand({ QueueName: physicalQueueName(queue, '-dlq'), Attributes: { ...fifo } }));
  const dlqArn = await queueArn(client, onEmulator(dlq.QueueUrl!, sqsAddress));
  const created = await client.send(
    new CreateQueueCommand({
      QueueName: physicalQueueName(queue),
      Attributes: {
        ...fifo,
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: queue.maxReceiveCount }),
      },
    }),
  );
  const url = onEmulator(created.QueueUrl!, sqsAddress);
  return { url, arn: await queueArn(client, url) };
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
}

export async function provision(manifest: AppManifest, clients: EmulatorClients): Promise<Provisioned> {
  const env: Record<string, string> = {};
  for (const table of manifest.tables) {
    await createTable(clients.dynamodb, table);
    env[tableEnv(table.name)] = table.name;
  }
  const buckets = new Map<string, string>();
  for (const bucket of manifest.buckets) {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket.name }));
    buckets.set(bucket.name, bucket.name);
    env[bucketEnv(bucket.name)] = bucket.name;
  }
  const queues = new Map<string, ProvisionedQueue>();
  for (const queue of manifest.queues) {
    const created = await createQueue(clients.sqs, queue, clients.sqsAddress);
    queues.set(queue.name, created);
    env[queueUrlEnv(queue.name)] = created.url;
  }
  return { env, queues, buckets };
}
