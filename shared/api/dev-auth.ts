// The local demo login (API.md "Local mode only"); both routes answer 404 when deployed.
import * as z from 'zod/mini';
import { defineRoute } from '#shared/http/contract.ts';
import { RoleSchema } from './identity.ts';

export const DevUser = z
  .strictObject({ username: z.string(), role: RoleSchema, orgId: z.string(), displayName: z.string() })
  .check(z.meta({ id: 'DevUser' }));

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
  example: { response: [{ username: 'registrar-th-shiyan', role: 'school_registrar', orgId: '2144010601', displayName: '广州市天河区第一实验小学 学籍管理员' }] },
});

export const devLoginRoute = defineRoute({
  operationId: 'devLogin',
  method: 'POST',
  path: '/v1/auth/dev-login',
  summary: '演示账号登录 (local mode only; 404 when deployed)',
  tags: ['auth'],
  auth: false,
  body: z.object({ username: z.string().check(z.minLength(1), z.maxLength(64), z.meta({ title: '用户名' })) }),
  response: z.strictObject({ token: z.string() }),
  successStatus: 200,
  errors: [404],
  example: { request: { username: 'registrar-th-shiyan' }, response: { token: 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImxvY2FsLWRldi0xIn0.…' } },
});
