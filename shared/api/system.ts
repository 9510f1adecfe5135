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
