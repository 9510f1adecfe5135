import { z } from 'zod';
import { defineRoute } from '#shared/http/contract.ts';
import { RoleSchema } from './identity.ts';

export const DevUser = z
  .object({ username: z.string(), role: RoleSchema, orgId: z.string(), displayName: z.string() })
  .meta({ id: 'DevUser' });

export const devUsersRoute = defineRoute({
  operationId: 'listDevUsers',
  method: 'GET',
  path: '/v1/auth/dev-users',
  summary: '演示账号 (local mode only; 404 when deployed)',
  tags: ['auth'],
  auth: false,
  response: z.array(DevUser),
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
  body: z.object({ username: z.string().min(1).max(64) }),
  response: z.object({ token: z.string() }),
  successStatus: 200,
  errors: [404],
});
