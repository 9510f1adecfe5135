// Queue consumer of the exchange (跨省交换): `send` works one packet of the outbox to its peer
// (shared/services/exchange/send.ts), `apply` one packet received from a peer (shared/services/
// exchange/apply.ts). A packet that could not be delivered comes back after a wait that doubles
// with each attempt (its message's visibility, set here), up to the queue's retry window; then its
// message goes to the dead-letter queue. Work that fails otherwise (an apply, a fault of ours) comes
// back after the queue's visibility timeout, and on its last receive raises the same kind of alert.
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ExchangeWork } from '#shared/data/exchange-outbox.ts';
import { EXCHANGE_MAX_RECEIVES } from '#shared/domain/exchange/delivery.ts';
import { logger } from '#shared/http/logger.ts';
import { queueUrlEnv } from '#shared/manifest/env-names.ts';
import { EXCHANGE_QUEUE } from '#shared/manifest/resources.ts';
import { applyReceived } from '#shared/services/exchange/apply.ts';
import { sendOutgoing } from '#shared/services/exchange/send.ts';

const sqs = new SQSClient({});

function parse(body: string): ExchangeWork | undefined {
  try {
    const value = JSON.parse(body) as Partial<ExchangeWork>;
    return (value.work === 'send' || value.work === 'apply') && typeof value.key === 'string' ? (value as ExchangeWork) : undefined;
  } catch {
    return undefined;
  }
}

async function comeBackAfter(receiptHandle: string, seconds: number): Promise<void> {
  const url = process.env[queueUrlEnv(EXCHANGE_QUEUE)];
  if (!url) return;
  try {
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
  } catch (error) {
    // The queue's own visibility timeout then decides when it comes back.
    logger.warn('exchange message visibility not changed', { error: (error as Error).name });
  }
}

export async function handleExchangeQueue(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const work = parse(record.body);
    if (!work) {
      logger.error('malformed exchange message dropped', { messageId: record.messageId });
      continue;
    }
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    try {
      if (work.work === 'send') {
        const outcome = await sendOutgoing(work.key, receiveCount);
        if (!outcome.done) {
          await comeBackAfter(record.receiptHandle, outcome.retryAfterSeconds);
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      } else {
        await applyReceived(work.key);
      }
    } catch (error) {
      if (receiveCount >= EXCHANGE_MAX_RECEIVES) {
        logger.error(`exchange ${work.work} failed for good; it goes to the dead-letter queue`, { alert: work.work === 'apply' ? 'EXCHANGE_APPLY_FAILED' : 'EXCHANGE_DELIVERY_FAILED', key: work.key });
      }
      logger.error(`exchange ${work.work} failed; it will be retried`, error as Error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
