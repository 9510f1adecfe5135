import { listMakeupRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { makeupList } from '#shared/services/grades/makeup.ts';

export const handler = apiHandler(listMakeupRoute, async ({ principal, query }) => ({ body: { items: await makeupList(principal, query.schoolId, query.term) } }));
