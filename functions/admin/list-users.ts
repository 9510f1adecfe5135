import { listOrgUsersRoute } from '#shared/api/admin.ts';
import { listOrgUsers } from '#shared/data/directory-repo.ts';
import { decide } from '#shared/domain/policy.ts';
import { forbidden } from '#shared/http/api-error.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { readableOrg } from '#shared/http/org-access.ts';

export const handler = apiHandler(listOrgUsersRoute, async ({ principal, params, query }) => {
  const org = await readableOrg(principal, params.orgId);
  const decision = decide(principal, 'user.manage', { orgPath: org.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '您的角色不能查看账号');
  const page = await listOrgUsers(org.orgId, query);
  return { body: { items: page.items.map(({ orgPath: _orgPath, ...user }) => user), nextCursor: page.nextCursor } };
});
