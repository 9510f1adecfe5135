// Queue consumer: jobs (long work in chunks: the year-end batches; imports later). Exports have a
// queue and a consumer of their own (functions/exports), which carry the renderers and the font.
import { jobConsumer } from '#shared/services/jobs/consumer.ts';
import type { Workers } from '#shared/services/jobs/run.ts';
import { graduationWorker, promotionWorker } from '#shared/services/year-end/workers.ts';

export const handler = jobConsumer({ promotion: promotionWorker, graduation: graduationWorker } as unknown as Workers);
