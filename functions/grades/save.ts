import { saveGradesRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { saveGrades } from '#shared/services/grades/sheets.ts';
import { expectedVersion } from '#shared/services/students/if-match.ts';

// A PUT: the sheet's grades become exactly these, so sending the same again changes nothing but the
// version. If-Match (the sheet's ETag) is optional: with it, a save over another window's is refused (412).
export const handler = apiHandler(saveGradesRoute, async ({ principal, params, body, event }) => {
  const sheet = await saveGrades(principal, params.sectionId, body.grades, expectedVersion(event.headers['if-match'], false));
  return { body: sheet, headers: { etag: `"${sheet.version}"` } };
});
