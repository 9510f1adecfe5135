// The local demo login (API.md "Local mode only"); both routes answer 404 when deployed.
import * as z from 'zod/mini';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { RoleSchema } from './identity.ts';

const DevUser = once(() => z.strictObject({ username: z.string(), role: RoleSchema(), orgId: z.string(), orgName: z.string(), displayName: z.string() }).check(z.meta({ id: 'DevUser' })));

export const devUsersRoute = defineRoute({
  operationId: 'listDevUsers',
  method: 'GET',
  path: '/v1/auth/dev-users',
  summary: '演示账号 (local mode only; 404 when deployed)',
  tags: ['auth'],
  auth: false,
  response: once(() => z.array(DevUser())),
  successStatus: 200,
  errors: [404],
});

export const devLoginRoute = defineRoute({
  operationId: 'devLogin',
  method: 'POST',
  path: '/v1/auth/dev-login',
  summary: '演示账号登录 (local mode only; 404 when deployed)',
  tags: ['auth'],
  auth: false,
  body: once(() => z.object({ username: z.string().check(z.minLength(1), z.maxLength(64), z.meta({ title: '用户名' })) })),
  response: once(() => z.strictObject({ token: z.string() })),
  successStatus: 200,
  errors: [404],
});
