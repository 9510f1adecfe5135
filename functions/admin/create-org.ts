import { createOrgRoute } from '#shared/api/admin.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { publicOrg } from '#shared/http/org-access.ts';
import { createChildOrg } from '#shared/services/admin/create-org.ts';

export const handler = apiHandler(createOrgRoute, async ({ principal, params, body }) => ({
  status: 201,
  body: publicOrg(await createChildOrg(principal, params.orgId, body)),
}));
