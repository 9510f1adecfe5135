import { resolveProblemRoute } from '#shared/api/problems.ts';
import { getProblem } from '#shared/data/problem-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { presentProblem } from '#shared/services/problems/present.ts';
import { resolveProblem } from '#shared/services/problems/resolve.ts';

export const handler = apiHandler(resolveProblemRoute, async ({ principal, params, body }) => ({ body: presentProblem(await resolveProblem(principal, params.problemId, body)) }), {
  // The problem item (PROBLEM#<id>) is what settling it writes first.
  idempotent: async ({ PK }) => jsonResponse(200, presentProblem((await getProblem(PK.slice('PROBLEM#'.length)))!)),
});
