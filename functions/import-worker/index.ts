// Queue consumer: import jobs, message by message (shared/services/imports/run.ts): the check of a
// file, its chunks fanned out and written in parallel, the report. Carries the spreadsheet readers
// and writers (exceljs, csv-parse, iconv-lite). A message that keeps failing comes back until its
// last receive, when the job is marked failed rather than left running.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { JOB_MAX_RECEIVES } from '#shared/domain/jobs.ts';
import { logger } from '#shared/http/logger.ts';
import { runImportMessage, type ImportMessage } from '#shared/services/imports/run.ts';
import { giveUp } from '#shared/services/jobs/run.ts';

function parse(body: string): ImportMessage | undefined {
  try {
    const value = JSON.parse(body) as Partial<ImportMessage>;
    if (typeof value.jobId !== 'string' || !Number.isInteger(value.step)) return undefined;
    if (value.chunk !== undefined && !Number.isInteger(value.chunk)) return undefined;
    return value as ImportMessage;
  } catch {
    return undefined;
  }
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const message = parse(record.body);
    if (!message) {
      logger.error('malformed import message dropped', { messageId: record.messageId });
      continue;
    }
    try {
      await runImportMessage(message);
    } catch (error) {
      if (Number(record.attributes.ApproximateReceiveCount) >= JOB_MAX_RECEIVES) {
        logger.error('import step failed on its last attempt; the job is given up', error as Error);
        try {
          await giveUp(message, '处理时多次出错，导入已停止');
          continue;
        } catch (cause) {
          logger.error('import job not marked failed', cause as Error);
        }
      } else {
        logger.error('import step failed; it will be retried', error as Error);
      }
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
