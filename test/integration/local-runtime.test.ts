// The local runtime's Lambda semantics with fixture functions of every trigger kind: SQS batches
// with partial failure and DLQ redrive, S3 object-created events by prefix, schedules, the
// manifest's grants enforced, and data kept across a restart.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawnStack, type RunningStack } from '#local/child-stack.ts';
import { call, login } from '../support/api.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let stack: RunningStack;
let doc: DynamoDBDocumentClient;
let s3: S3Client;
let sqs: SQSClient;

const fixtureManifest = resolve(import.meta.dirname, '../fixtures/fixture-manifest.ts');

async function logged(partition: string): Promise<Record<string, unknown>[]> {
  const result = await doc.send(new QueryCommand({ TableName: 'fixture-log', KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': partition } }));
  return result.Items ?? [];
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function connect(): void {
  doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: stack.endpoints.dynamodb, credentials }));
  s3 = new S3Client({ region: 'us-east-1', endpoint: stack.endpoints.s3, credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  sqs = new SQSClient({ region: 'us-east-1', endpoint: stack.endpoints.sqs, credentials });
}

beforeAll(async () => {
  stack = await spawnStack({ manifestModule: fixtureManifest });
  connect();
});

afterAll(async () => {
  await stack?.dispose();
});

describe('queue consumers', () => {
  it('deletes succeeded messages, retries failed ones, and redrives them to the DLQ', async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-work' }));
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: '1', MessageBody: JSON.stringify({ id: 'ok-1' }) },
          { Id: '2', MessageBody: JSON.stringify({ id: 'ok-2' }) },
          { Id: '3', MessageBody: JSON.stringify({ id: 'poison', fail: true }) },
        ],
      }),
    );
    const ok = await eventually(() => logged('message#ok-1'), (items) => items.length >= 1);
    expect(ok).toHaveLength(1);
    // maxReceiveCount 2: the poison message is delivered twice, then lands in the DLQ.
    const poison = await eventually(() => logged('message#poison'), (items) => items.length >= 2);
    expect(poison.map((item) => item.receiveCount).sort()).toEqual(['1', '2']);

    const { QueueUrl: dlqUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-work-dlq' }));
    const dead = await eventually(
      async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }))).Messages ?? [],
      (messages) => messages.length > 0,
    );
    expect(dead.map((m) => JSON.parse(m.Body ?? '{}').id)).toEqual(['poison']);
    // Succeeded messages were deleted, not redelivered.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await logged('message#ok-1')).toHaveLength(1);
    expect(await logged('message#ok-2')).toHaveLength(1);
  });
});

describe('bucket notifications', () => {
  it('invokes the listener for uploads under its prefix only', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'incoming/evidence/证明 1.png', Body: Buffer.alloc(1234, 7), ContentType: 'image/png' }));
    await s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'exports/report.csv', Body: 'a,b' }));
    const uploads = await eventually(() => logged('upload#incoming/evidence/证明 1.png'), (items) => items.length >= 1);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ bucket: 'files', size: 1234, eventName: 'ObjectCreated:Put' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await logged('upload#exports/report.csv')).toHaveLength(0);
  });
});

describe('schedules', () => {
  it('runs a scheduled function on demand with a Scheduled Event', async () => {
    const reply = await call('POST', '/local/schedules/FixtureNightly/run', { url: stack.url });
    expect(reply.status).toBe(200);
    const runs = await logged('schedule#nightly');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ detailType: 'Scheduled Event', source: 'aws.events' });
    expect((await call('POST', '/local/schedules/Me/run', { url: stack.url })).status).toBe(404);
  });
});

describe('grants', () => {
  it('refuses a write the manifest does not grant, as IAM would', async () => {
    const reply = await call<{ name: string; message: string }>('POST', '/fixture/overreach', { url: stack.url });
    expect(reply.status).toBe(403);
    expect(reply.body.name).toBe('AccessDeniedException');
    expect(reply.body.message).toContain('fixture-log');
    expect(await logged('overreach#x')).toHaveLength(0);
  });
});

describe('restart', () => {
  it('keeps data, tokens and uploads after a clean stop and a second start', async () => {
    const token = await login('registrar-th-shiyan', stack.url);
    expect(await stack.stop()).toBe(0);
    expect(stack.output()).toContain('收到 SIGINT');
    stack = await spawnStack({ dataDir: stack.dataDir, manifestModule: fixtureManifest });
    connect();
    expect(stack.output()).not.toContain('演示数据: 已写入');
    expect((await call('GET', '/v1/me', { token, url: stack.url })).status).toBe(200);
    expect(await logged('schedule#nightly')).toHaveLength(1);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'fixture-work' }));
    expect(QueueUrl).toBeTruthy();
  });

  it('wipes everything with --reset', async () => {
    await stack.stop();
    stack = await spawnStack({ dataDir: stack.dataDir, manifestModule: fixtureManifest, reset: true });
    connect();
    expect(stack.output()).toContain('演示数据: 已写入');
    expect(await logged('schedule#nightly')).toHaveLength(0);
  });
});
