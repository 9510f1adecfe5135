import { listPlansRoute } from '#shared/api/teaching.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { listPlans } from '#shared/services/teaching/plans.ts';

export const handler = apiHandler(listPlansRoute, async ({ principal, query }) => ({ body: { items: await listPlans(principal, query.schoolId, query.term) } }));
