import { listCoursesRoute } from '#shared/api/teaching.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { listCourses } from '#shared/services/teaching/courses.ts';

export const handler = apiHandler(listCoursesRoute, async ({ principal, query }) => ({ body: await listCourses(principal, query.schoolId, { limit: query.limit, cursor: query.cursor }) }));
