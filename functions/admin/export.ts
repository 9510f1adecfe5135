import { createExportRoute } from '#shared/api/exports.ts';
import { getJob } from '#shared/data/job-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { startExport } from '#shared/services/exports/start.ts';
import { jobLocation, presentJob } from '#shared/services/jobs/access.ts';

export const handler = apiHandler(
  createExportRoute,
  async ({ principal, body }) => {
    const job = await startExport(principal, body);
    return { status: 202, body: presentJob(job), headers: { location: jobLocation(job) } };
  },
  {
    // The job item (JOB#<id>) is what requesting an export creates: a replay answers it as it is now
    // (without a link, which only reading the job makes).
    idempotent: async ({ PK }) => {
      const job = (await getJob(PK.slice('JOB#'.length)))!;
      return jsonResponse(202, presentJob(job), { location: jobLocation(job) });
    },
  },
);
