import { devUsersRoute } from '#shared/api/dev-auth.ts';
import { getOrg, listDevUsers } from '#shared/data/directory-repo.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { localSigningKeyFile } from '#shared/http/local-mode.ts';

export const handler = httpHandler(devUsersRoute, async () => {
  localSigningKeyFile();
  const users = await listDevUsers();
  // The login page groups them by school: it needs the organisation's name.
  const names = new Map(await Promise.all([...new Set(users.map((user) => user.orgId))].map(async (orgId) => [orgId, (await getOrg(orgId))?.name ?? orgId] as const)));
  return { body: users.map(({ username, role, orgId, displayName }) => ({ username, role, orgId, orgName: names.get(orgId)!, displayName })) };
});
