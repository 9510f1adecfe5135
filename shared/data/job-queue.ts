// Sends a job's next chunk to the jobs queue: `{jobId, step}`, nothing else (the job item holds
// the state). A standard queue: a message may come twice, and the consumer drops any whose step
// the job has passed. A message lost after its job was written is sent again by the sweeper.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queueUrlEnv } from '#shared/manifest/env-names.ts';
import { JOBS_QUEUE } from '#shared/manifest/resources.ts';

export interface JobMessage {
  jobId: string;
  step: number;
}

const sqs = new SQSClient({});

export async function sendJobMessage(message: JobMessage): Promise<void> {
  const url = process.env[queueUrlEnv(JOBS_QUEUE)];
  if (!url) throw new Error(`${queueUrlEnv(JOBS_QUEUE)} is not set`);
  await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(message) }));
}
