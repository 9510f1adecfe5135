import { listSectionsRoute } from '#shared/api/teaching.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { listSections } from '#shared/services/teaching/read.ts';
import { presentSection } from '#shared/services/teaching/present.ts';

export const handler = apiHandler(listSectionsRoute, async ({ principal, query }) => {
  const page = await listSections(principal, query);
  return { body: { items: page.items.map(presentSection), nextCursor: page.nextCursor } };
});
