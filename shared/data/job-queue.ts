// Sends a job's next chunk to its queue: `{jobId, step}`, nothing else (the job item holds the
// state). Each kind has its queue, consumed by the function that carries its workers: the year-end
// batches the jobs queue, exports (with their renderers and font, too big for the jobs function)
// their own. Standard queues: a message may come twice, and the consumer drops any whose step the
// job has passed. A message lost after its job was written is sent again by the sweeper.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { JobKind } from '#shared/domain/jobs.ts';
import { queueUrlEnv } from '#shared/manifest/env-names.ts';
import { EXPORTS_QUEUE, IMPORTS_QUEUE, JOBS_QUEUE, PHOTO_BATCHES_QUEUE } from '#shared/manifest/resources.ts';

export interface JobMessage {
  jobId: string;
  step: number;
}

/** The queue that carries each kind's chunks. */
export const JOB_QUEUE: Record<JobKind, string> = { promotion: JOBS_QUEUE, graduation: JOBS_QUEUE, export: EXPORTS_QUEUE, import: IMPORTS_QUEUE, problemScan: JOBS_QUEUE, photoBatch: PHOTO_BATCHES_QUEUE };

const sqs = new SQSClient({});

export async function sendJobMessage(kind: JobKind, message: JobMessage): Promise<void> {
  const env = queueUrlEnv(JOB_QUEUE[kind]);
  const url = process.env[env];
  if (!url) throw new Error(`${env} is not set`);
  await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(message) }));
}
