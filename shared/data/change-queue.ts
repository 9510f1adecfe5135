// Sends approved steps of status-change cases to their FIFO queue, grouped by student so one
// student's steps are processed one at a time, in order. Sending is not part of the approval's
// transaction: the outbox item written with it is swept and sent again until the consumer has
// processed the step (and deleted the item in its own transaction), so a crash between the commit
// and the send delays a step but never loses it.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queueUrlEnv } from '#shared/manifest/env-names.ts';
import { CHANGES_QUEUE } from '#shared/manifest/resources.ts';
import type { OutboxEntry } from './change-repo.ts';

const sqs = new SQSClient({});

/** Sends up to ten at a time; answers the entries SQS did not take (the sweeper retries them). */
export async function sendStepMessages(messages: OutboxEntry[]): Promise<OutboxEntry[]> {
  const url = process.env[queueUrlEnv(CHANGES_QUEUE)];
  if (!url) throw new Error(`${queueUrlEnv(CHANGES_QUEUE)} is not set`);
  const failed: OutboxEntry[] = [];
  for (let start = 0; start < messages.length; start += 10) {
    const batch = messages.slice(start, start + 10);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: batch.map((message, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(message),
          MessageGroupId: message.studentId,
          // The same step sent twice (the API, then the sweeper) is one message within SQS's five-minute window.
          MessageDeduplicationId: `${message.changeId}-${message.step}`,
        })),
      }),
    );
    for (const failure of result.Failed ?? []) failed.push(batch[Number(failure.Id)]!);
  }
  return failed;
}
