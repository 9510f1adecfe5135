import { submitGradesRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { submitGrades } from '#shared/services/grades/sheets.ts';

export const handler = apiHandler(submitGradesRoute, async ({ principal, params }) => ({ body: await submitGrades(principal, params.sectionId) }));
