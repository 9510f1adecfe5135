import { getJobRoute } from '#shared/api/jobs.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { loadJobFor, presentJob } from '#shared/services/jobs/access.ts';

export const handler = apiHandler(getJobRoute, async ({ principal, params }) => ({ body: presentJob(await loadJobFor(principal, params.jobId)) }));
