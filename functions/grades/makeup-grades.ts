import { saveMakeupGradesRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { saveMakeupGrades } from '#shared/services/grades/makeup.ts';

export const handler = apiHandler(saveMakeupGradesRoute, async ({ principal, params, body }) => ({ body: await saveMakeupGrades(principal, params.makeupId, body.grades) }));
