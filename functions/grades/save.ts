import { saveGradesRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { saveGrades } from '#shared/services/grades/sheets.ts';

// A PUT: the sheet's grades become exactly these, so sending the same again changes nothing but the version.
export const handler = apiHandler(saveGradesRoute, async ({ principal, params, body }) => ({ body: await saveGrades(principal, params.sectionId, body.grades) }));
