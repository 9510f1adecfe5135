import { getOrgRoute } from '#shared/api/identity.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { publicOrg, readableOrg } from '#shared/http/org-access.ts';

export const handler = httpHandler(getOrgRoute, async ({ principal, params }) => ({
  body: publicOrg(await readableOrg(principal, params.orgId)),
}));
