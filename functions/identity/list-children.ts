import { listOrgChildrenRoute } from '#shared/api/identity.ts';
import { listChildOrgs } from '#shared/data/directory-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { publicOrg, readableOrg } from '#shared/http/org-access.ts';
import { studentCount } from '#shared/services/orgs/student-count.ts';

export const handler = apiHandler(listOrgChildrenRoute, async ({ principal, params, query }) => {
  const parent = await readableOrg(principal, params.orgId);
  const page = await listChildOrgs(parent.orgId, query);
  const items = await Promise.all(page.items.map(async (org) => ({ ...publicOrg(org), studentCount: await studentCount(org) })));
  return { body: { items, nextCursor: page.nextCursor } };
});
