import { listChangesRoute } from '#shared/api/changes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { presentChange } from '#shared/services/changes/access.ts';
import { listChanges } from '#shared/services/changes/read.ts';

export const handler = apiHandler(listChangesRoute, async ({ principal, query }) => {
  const page = await listChanges(principal, query);
  return { body: { items: page.items.map(presentChange), nextCursor: page.nextCursor } };
});
