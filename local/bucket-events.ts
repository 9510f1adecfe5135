// S3 object-created notifications, locally: the emulator's spy reports each upload; uploads
// under a manifest prefix become an S3 event for that function, invoked asynchronously with
// Lambda's two retries for async invocations.
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FauxqsServer, SpyMessage } from 'fauxqs';
import type { S3Event } from 'aws-lambda';
import type { FunctionDef } from '#shared/manifest/types.ts';
import type { LocalFunctions } from './functions.ts';

export interface BucketSubscription {
  fn: FunctionDef;
  bucket: string;
  prefix: string;
}

const ASYNC_RETRIES = 2;

async function toEvent(s3: S3Client, bucket: string, key: string, region: string): Promise<S3Event> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:local:s3:::${bucket}` },
          // S3 URL-encodes keys in notifications, with '+' for spaces.
          object: { key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/'), size: head.ContentLength ?? 0, eTag: (head.ETag ?? '').replace(/"/g, ''), sequencer: Date.now().toString(16) },
        },
      },
    ],
  };
}

export function startBucketEvents(options: {
  emulator: FauxqsServer;
  subscriptions: BucketSubscription[];
  s3: S3Client;
  functions: LocalFunctions;
  region: string;
}): { stop(): Promise<void> } {
  let running = options.subscriptions.length > 0;
  const seen = new WeakSet<SpyMessage>();
  const isNewUpload = (m: SpyMessage) => m.service === 's3' && m.status === 'uploaded' && !seen.has(m);
  const deliver = async (subscription: BucketSubscription, key: string) => {
    for (let attempt = 0; attempt <= ASYNC_RETRIES; attempt += 1) {
      try {
        await options.functions.invoke(subscription.fn, await toEvent(options.s3, subscription.bucket, key, options.region));
        return;
      } catch (error) {
        console.error(`[s3 ${subscription.fn.id}] attempt ${attempt + 1} failed:`, error instanceof Error ? error.message : error);
      }
    }
  };
  const inflight = new Set<Promise<void>>();
  const loop = (async () => {
    while (running) {
      let message: SpyMessage;
      try {
        message = await options.emulator.spy.waitForMessage(isNewUpload, undefined, 500);
      } catch {
        continue; // no upload within the wait; look again unless stopping
      }
      seen.add(message);
      if (message.service !== 's3') continue;
      for (const subscription of options.subscriptions) {
        if (subscription.bucket !== message.bucket || !message.key.startsWith(subscription.prefix)) continue;
        const delivery = deliver(subscription, message.key).finally(() => inflight.delete(delivery));
        inflight.add(delivery);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await Promise.all(inflight);
    },
  };
}
