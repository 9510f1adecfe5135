import { startImportRoute } from '#shared/api/imports.ts';
import { getJob } from '#shared/data/job-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { jobLocation, presentJob } from '#shared/services/jobs/access.ts';
import { startImport } from '#shared/services/imports/start.ts';

export const handler = apiHandler(
  startImportRoute,
  async ({ principal, params, body }) => {
    const job = await startImport(principal, params.importId, body);
    return { status: 202, body: presentJob(job), headers: { location: jobLocation(job) } };
  },
  {
    // The job item (JOB#<id>) is what starting a check or a run creates.
    idempotent: async ({ PK }) => {
      const job = (await getJob(PK.slice('JOB#'.length)))!;
      return jsonResponse(202, presentJob(job), { location: jobLocation(job) });
    },
  },
);
