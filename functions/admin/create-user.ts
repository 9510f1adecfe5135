import { createUserRoute } from '#shared/api/admin.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { createUser } from '#shared/services/admin/create-user.ts';

export const handler = httpHandler(createUserRoute, async ({ principal, body }) => {
  const { orgPath: _orgPath, ...user } = await createUser(principal, body);
  return { status: 201, body: user };
});
