// Queue consumer: photo batches (shared/services/photos/batch-worker.ts), a chunk of a zip's files
// per message. Carries the zip reader (unzipper) and the JPEG decoder, which no other queue's
// consumer needs.
import { jobConsumer } from '#shared/services/jobs/consumer.ts';
import type { Workers } from '#shared/services/jobs/run.ts';
import { photoBatchWorker } from '#shared/services/photos/batch-worker.ts';

export const handler = jobConsumer({ photoBatch: photoBatchWorker } as unknown as Workers);
