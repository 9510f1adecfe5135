// Queue consumer: jobs (long work in chunks: the year-end batches, problem-record scans). Exports
// and imports have queues and consumers of their own (functions/exports, functions/import-worker),
// which carry the renderers and the spreadsheet reader.
import { jobConsumer } from '#shared/services/jobs/consumer.ts';
import type { Workers } from '#shared/services/jobs/run.ts';
import { problemScanWorker } from '#shared/services/problems/scan-worker.ts';
import { graduationWorker, promotionWorker } from '#shared/services/year-end/workers.ts';

export const handler = jobConsumer({ promotion: promotionWorker, graduation: graduationWorker, problemScan: problemScanWorker } as unknown as Workers);
