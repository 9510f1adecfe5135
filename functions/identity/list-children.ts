import { listOrgChildrenRoute } from '#shared/api/identity.ts';
import { listChildOrgs } from '#shared/data/directory-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { publicOrg, readableOrg } from '#shared/http/org-access.ts';

export const handler = apiHandler(listOrgChildrenRoute, async ({ principal, params, query }) => {
  const parent = await readableOrg(principal, params.orgId);
  const page = await listChildOrgs(parent.orgId, query);
  return { body: { items: page.items.map(publicOrg), nextCursor: page.nextCursor } };
});
