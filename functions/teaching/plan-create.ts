import { createPlanRoute } from '#shared/api/teaching.ts';
import { getPlan } from '#shared/data/teaching-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { createPlan } from '#shared/services/teaching/plans.ts';

export const handler = apiHandler(createPlanRoute, async ({ principal, body }) => ({ status: 201, body: await createPlan(principal, body) }), {
  // The plan item (PLAN#<id>) is what creating one writes.
  idempotent: async ({ PK }) => jsonResponse(201, (await getPlan(PK.slice('PLAN#'.length)))!),
});
