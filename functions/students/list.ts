import { listStudentsRoute } from '#shared/api/students.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { summarizeStudent } from '#shared/services/students/present.ts';
import { searchStudents } from '#shared/services/students/search.ts';

export const handler = apiHandler(
  listStudentsRoute,
  async ({ principal, query }) => {
    const page = await searchStudents(principal, query);
    return { body: { items: page.items.map(summarizeStudent), nextCursor: page.nextCursor } };
  },
  // A search (q: a name, an ID number, a national student number) counts toward the lookup limit.
  { lookup: (event) => Boolean(event.queryStringParameters?.q) },
);
