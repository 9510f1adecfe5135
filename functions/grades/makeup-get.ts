import { getMakeupRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { readSitting } from '#shared/services/grades/makeup.ts';

export const handler = apiHandler(getMakeupRoute, async ({ principal, params }) => ({ body: await readSitting(principal, params.makeupId) }));
