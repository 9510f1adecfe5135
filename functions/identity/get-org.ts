import { getOrgRoute } from '#shared/api/identity.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { publicOrg, readableOrg } from '#shared/http/org-access.ts';
import { studentCount } from '#shared/services/orgs/student-count.ts';

export const handler = apiHandler(getOrgRoute, async ({ principal, params }) => {
  const org = await readableOrg(principal, params.orgId);
  return { body: { ...publicOrg(org), studentCount: await studentCount(org) } };
});
