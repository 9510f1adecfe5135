import { submitGradesRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { readGrades, submitGrades } from '#shared/services/grades/sheets.ts';

export const handler = apiHandler(submitGradesRoute, async ({ principal, params }) => {
  await submitGrades(principal, params.sectionId);
  return { body: await readGrades(principal, params.sectionId) };
});
