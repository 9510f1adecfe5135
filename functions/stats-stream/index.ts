// Table stream consumer: the records table's writes of students, problems and cases (the event
// source passes only those), added to the statistics of the organisations above them
// (shared/services/stats/apply.ts). A failure reports the first write not applied, so the event
// source retries from there and the writes after it wait.
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { fromImage } from '#shared/data/stream-image.ts';
import type { StreamWrite } from '#shared/domain/stats/batches.ts';
import { logger } from '#shared/http/logger.ts';
import { applyWrites } from '#shared/services/stats/apply.ts';

const toWrite = ({ eventID, dynamodb: change }: DynamoDBRecord): StreamWrite => ({
  eventId: eventID ?? change?.SequenceNumber ?? '',
  sequenceNumber: change?.SequenceNumber ?? '',
  before: change?.OldImage && fromImage(change.OldImage),
  after: change?.NewImage && fromImage(change.NewImage),
});

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const { resumeAt, error } = await applyWrites(event.Records.map(toWrite));
  if (resumeAt === undefined) return { batchItemFailures: [] };
  logger.error('statistics not applied; the stream retries from this record', error instanceof Error ? error : { error: String(error) });
  return { batchItemFailures: [{ itemIdentifier: resumeAt }] };
};
