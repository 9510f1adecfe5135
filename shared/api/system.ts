// Public routes of the deployment itself: liveness and the API description.
import * as z from 'zod/mini';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';

export const healthRoute = defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/v1/health',
  summary: '服务健康检查 (liveness)',
  tags: ['system'],
  auth: false,
  response: once(() => z.strictObject({ status: z.literal('ok'), version: z.string() })),
  successStatus: 200,
});

export const openApiRoute = defineRoute({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/v1/openapi.json',
  summary: 'OpenAPI 3.1 document of this API',
  tags: ['system'],
  auth: false,
  response: once(() => z.record(z.string(), z.unknown())),
  successStatus: 200,
});

export const AuthConfigSchema = once(() =>
  z.strictObject({
    mode: z.enum(['local', 'oidc']).check(z.meta({ description: 'local: 本地演示账号登录 (dev-login)；oidc: 身份提供方的授权码 + PKCE 登录' })),
    issuer: z.optional(z.string().check(z.meta({ description: 'OIDC 身份提供方 (issuer)' }))),
    clientId: z.optional(z.string().check(z.meta({ description: '网页端的 client_id' }))),
    scope: z.string(),
  }),
);

export const authConfigRoute = defineRoute({
  operationId: 'getAuthConfig',
  method: 'GET',
  path: '/v1/auth/config',
  summary: '登录方式 (how the web app signs users in)',
  tags: ['auth'],
  auth: false,
  response: AuthConfigSchema,
  successStatus: 200,
});
