import { listProblemsRoute } from '#shared/api/problems.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { listProblems } from '#shared/services/problems/list.ts';

export const handler = apiHandler(listProblemsRoute, async ({ principal, query }) => ({ body: await listProblems(principal, query) }));
