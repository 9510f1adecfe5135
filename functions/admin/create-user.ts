import { createUserRoute } from '#shared/api/admin.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { createUser } from '#shared/services/admin/create-user.ts';

export const handler = apiHandler(createUserRoute, async ({ principal, body }) => {
  const { orgPath: _orgPath, ...user } = await createUser(principal, body);
  return { status: 201, body: user };
});
