import { listStudentsRoute } from '#shared/api/students.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { summarizeStudent } from '#shared/services/students/present.ts';
import { searchStudents } from '#shared/services/students/search.ts';

export const handler = httpHandler(listStudentsRoute, async ({ principal, query }) => {
  const page = await searchStudents(principal, query);
  return { body: { items: page.items.map(summarizeStudent), nextCursor: page.nextCursor } };
});
