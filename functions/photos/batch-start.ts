import { startPhotoBatchRoute } from '#shared/api/photo-batches.ts';
import { getJob } from '#shared/data/job-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { jobLocation, presentJob } from '#shared/services/jobs/access.ts';
import { startBatch } from '#shared/services/photos/batch-start.ts';

export const handler = apiHandler(
  startPhotoBatchRoute,
  async ({ principal, params }) => {
    const job = await startBatch(principal, params.batchId);
    return { status: 202, body: presentJob(job), headers: { location: jobLocation(job) } };
  },
  {
    // The job item (JOB#<id>) is what starting a batch creates.
    idempotent: async ({ PK }) => {
      const job = (await getJob(PK.slice('JOB#'.length)))!;
      return jsonResponse(202, presentJob(job), { location: jobLocation(job) });
    },
  },
);
