import { devLoginRoute } from '#shared/api/dev-auth.ts';
import { signLocalToken } from '#shared/auth/local-issuer.ts';
import { getDevUser } from '#shared/data/directory-repo.ts';
import { notFound } from '#shared/http/api-error.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { localSigningKeyFile } from '#shared/http/local-mode.ts';

export const handler = httpHandler(devLoginRoute, async ({ body }) => {
  const keyFile = localSigningKeyFile();
  const user = await getDevUser(body.username);
  if (!user) throw notFound('没有这个演示账号');
  const issuer = process.env.AUTH_ISSUER;
  if (!issuer) throw new Error('AUTH_ISSUER is not set');
  const token = await signLocalToken(keyFile, user.subject, { issuer, audience: process.env.AUTH_AUDIENCE || undefined });
  return { body: { token } };
});
