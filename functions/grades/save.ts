import { saveGradesRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { readGrades, saveGrades } from '#shared/services/grades/sheets.ts';

// A PUT: the same body again leaves the same sheet.
export const handler = apiHandler(saveGradesRoute, async ({ principal, params, body }) => {
  await saveGrades(principal, params.sectionId, body.grades);
  return { body: await readGrades(principal, params.sectionId) };
});
