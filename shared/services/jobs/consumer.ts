// A job queue's consumer (functions/jobs, functions/exports): each message moves one job one step
// (run.ts), within the time the invocation has left; a failed message comes back, and on its last
// receive the job is marked failed rather than left running. Batches of one: a step may use the
// whole invocation.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { JobMessage } from '#shared/data/job-queue.ts';
import { JOB_MAX_RECEIVES } from '#shared/domain/jobs.ts';
import { logger } from '#shared/http/logger.ts';
import { giveUp, runJobStep, type Workers } from './run.ts';

/** Time kept in reserve: a step stops taking on work this long before the Lambda's timeout. */
const RESERVE_MS = 20_000;

function parse(body: string): JobMessage | undefined {
  try {
    const value = JSON.parse(body) as Partial<JobMessage>;
    return typeof value.jobId === 'string' && Number.isInteger(value.step) ? (value as JobMessage) : undefined;
  } catch {
    return undefined;
  }
}

export function jobConsumer(workers: Workers) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const budget = { hasTime: () => context.getRemainingTimeInMillis() > RESERVE_MS };
    for (const record of event.Records) {
      const message = parse(record.body);
      if (!message) {
        // Only our own code sends to these queues: a malformed body is a bug to see, not to repeat.
        logger.error('malformed job message dropped', { messageId: record.messageId });
        continue;
      }
      try {
        await runJobStep(message, workers, budget);
      } catch (error) {
        if (Number(record.attributes.ApproximateReceiveCount) >= JOB_MAX_RECEIVES) {
          logger.error('job step failed on its last attempt; the job is given up', error as Error);
          try {
            await giveUp(message, '处理时多次出错，任务已停止');
            continue;
          } catch (cause) {
            logger.error('job not marked failed', cause as Error);
          }
        } else {
          logger.error('job step failed; it will be retried', error as Error);
        }
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
