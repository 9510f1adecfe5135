import { createCourseRoute } from '#shared/api/teaching.ts';
import { getCourse } from '#shared/data/teaching-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { createCourse } from '#shared/services/teaching/courses.ts';

export const handler = apiHandler(createCourseRoute, async ({ principal, body }) => ({ status: 201, body: await createCourse(principal, body) }), {
  // The course item (COURSE#<id>) is what creating one writes.
  idempotent: async ({ PK }) => jsonResponse(201, (await getCourse(PK.slice('COURSE#'.length)))!),
});
