// Queue consumer: approved steps of status-change cases (FIFO, grouped by student). Each message
// opens the next step or completes its case (shared/services/changes/advance.ts). Messages of one
// group must stay in order, so after a failure the rest of the batch is returned too.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { OutboxEntry } from '#shared/data/change-repo.ts';
import { logger } from '#shared/http/logger.ts';
import { processStep } from '#shared/services/changes/advance.ts';

function parse(body: string): OutboxEntry | undefined {
  try {
    const value = JSON.parse(body) as Partial<OutboxEntry>;
    return typeof value.changeId === 'string' && typeof value.studentId === 'string' && Number.isInteger(value.step) && typeof value.at === 'string' ? (value as OutboxEntry) : undefined;
  } catch {
    return undefined;
  }
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    if (batchItemFailures.length > 0) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const entry = parse(record.body);
    if (!entry) {
      // Not ours to retry: only our own code sends to this queue, so a malformed body is a bug to see, not to repeat.
      logger.error('malformed step message dropped', { messageId: record.messageId });
      continue;
    }
    try {
      await processStep(entry);
    } catch (error) {
      logger.error('step not processed; it will be retried', error as Error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
