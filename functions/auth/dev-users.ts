import { devUsersRoute } from '#shared/api/dev-auth.ts';
import { listDevUsers } from '#shared/data/directory-repo.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { localSigningKeyFile } from '#shared/http/local-mode.ts';

export const handler = httpHandler(devUsersRoute, async () => {
  localSigningKeyFile();
  const users = await listDevUsers();
  return { body: users.map(({ username, role, orgId, displayName }) => ({ username, role, orgId, displayName })) };
});
