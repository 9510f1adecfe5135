import { getOrgRoute } from '#shared/api/identity.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { publicOrg, readableOrg } from '#shared/http/org-access.ts';

export const handler = apiHandler(getOrgRoute, async ({ principal, params }) => ({
  body: publicOrg(await readableOrg(principal, params.orgId)),
}));
