import { getJobRoute } from '#shared/api/jobs.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { loadJobFor, presentJobFor } from '#shared/services/jobs/access.ts';

export const handler = apiHandler(getJobRoute, async ({ principal, params }) => ({ body: await presentJobFor(principal, await loadJobFor(principal, params.jobId)) }));
