import { gradeSubmissionsRoute } from '#shared/api/grades.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { submissions } from '#shared/services/grades/submissions.ts';

export const handler = apiHandler(gradeSubmissionsRoute, async ({ principal, query }) => ({ body: await submissions(principal, query) }));
