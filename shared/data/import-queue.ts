// The imports queue: an import job's steps (`{jobId, step}`, as every job queue carries) and its
// fanned-out chunks (`{jobId, step, chunk}`), sent ten to a request. Standard queue: a message may
// come twice; chunks are written and counted once whatever the deliveries (import-repo.ts).
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queueUrlEnv } from '#shared/manifest/env-names.ts';
import { IMPORTS_QUEUE } from '#shared/manifest/resources.ts';

export interface ChunkMessage {
  jobId: string;
  step: number;
  chunk: number;
}

const sqs = new SQSClient({});
const BATCH = 10;

export async function sendChunkMessages(messages: ChunkMessage[]): Promise<void> {
  const env = queueUrlEnv(IMPORTS_QUEUE);
  const url = process.env[env];
  if (!url) throw new Error(`${env} is not set`);
  for (let start = 0; start < messages.length; start += BATCH) {
    let entries = messages.slice(start, start + BATCH).map((message) => ({ Id: String(message.chunk), MessageBody: JSON.stringify(message) }));
    for (let attempt = 0; entries.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      const { Failed } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
      if (attempt >= 5 && Failed?.length) throw new Error(`${Failed.length} chunk messages not sent`);
      const failed = new Set((Failed ?? []).map((entry) => entry.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
    }
  }
}
