import { getGradesRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { readGrades } from '#shared/services/grades/sheets.ts';

export const handler = apiHandler(getGradesRoute, async ({ principal, params }) => {
  const sheet = await readGrades(principal, params.sectionId);
  return { body: sheet, headers: { etag: `"${sheet.version}"` } };
});
