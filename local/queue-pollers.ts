// Lambda's SQS event-source semantics, locally: long-poll a batch, invoke the consumer, delete
// what succeeded. A thrown error leaves the whole batch; a `batchItemFailures` answer leaves just
// those messages. Either way they reappear after the visibility timeout and the queue's redrive
// policy moves them to the DLQ after maxReceiveCount receives.
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionDef } from '#shared/manifest/types.ts';
import type { LocalFunctions } from './functions.ts';
import type { ProvisionedQueue } from './provision.ts';

export interface QueuePoller {
  stop(): Promise<void>;
}

function toRecord(message: Message, queue: ProvisionedQueue, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
      ...(attributes.MessageDeduplicationId ? { MessageDeduplicationId: attributes.MessageDeduplicationId } : {}),
      ...(attributes.SequenceNumber ? { SequenceNumber: attributes.SequenceNumber } : {}),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        { dataType: value.DataType ?? 'String', stringValue: value.StringValue, binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: region,
  };
}

export function startQueuePoller(options: {
  fn: FunctionDef;
  queue: ProvisionedQueue;
  batchSize: number;
  sqs: SQSClient;
  functions: LocalFunctions;
  region: string;
}): QueuePoller {
  let running = true;
  const abort = new AbortController();
  const loop = (async () => {
    while (running) {
      try {
        const { Messages } = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queue.url,
            MaxNumberOfMessages: Math.min(10, options.batchSize),
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        if (!Messages?.length) continue;
        const event: SQSEvent = { Records: Messages.map((m) => toRecord(m, options.queue, options.region)) };
        let failed = new Set<string>(Messages.map((m) => m.MessageId ?? ''));
        try {
          const result = (await options.functions.invoke(options.fn, event)) as SQSBatchResponse | undefined;
          failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (error) {
          console.error(`[queue ${options.fn.id}] batch failed, messages will be retried:`, error instanceof Error ? error.message : error);
        }
        const done = Messages.filter((m) => !failed.has(m.MessageId ?? ''));
        if (done.length > 0) {
          await options.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: options.queue.url,
              Entries: done.map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle })),
            }),
          );
        }
      } catch (error) {
        if (!running) break;
        console.error(`[queue ${options.fn.id}] poll error:`, error instanceof Error ? error.message : error);
        await new Promise((resolve) => setTimeout(resolve, 500));
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
