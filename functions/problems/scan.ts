import { scanProblemsRoute } from '#shared/api/problems.ts';
import { getJob } from '#shared/data/job-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { jobLocation, presentJob } from '#shared/services/jobs/access.ts';
import { startScan } from '#shared/services/problems/scan-start.ts';

export const handler = apiHandler(
  scanProblemsRoute,
  async ({ principal, body }) => {
    const job = await startScan(principal, body.orgId);
    return { status: 202, body: presentJob(job), headers: { location: jobLocation(job) } };
  },
  {
    // The job item (JOB#<id>) is what starting a scan creates.
    idempotent: async ({ PK }) => {
      const job = (await getJob(PK.slice('JOB#'.length)))!;
      return jsonResponse(202, presentJob(job), { location: jobLocation(job) });
    },
  },
);
