// Generates the OpenAPI 3.1 document from the route contracts' zod schemas.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import type { RouteContract } from '#shared/http/contract.ts';
import { ErrorBody } from './common.ts';

const ERROR_TEXT: Record<number, string> = {
  400: '请求格式或参数错误',
  401: '未登录或令牌无效',
  403: '无权限或超出管辖范围',
  404: '未找到',
  409: '与当前状态冲突',
  412: '版本已过期 (If-Match)',
  413: '请求过大',
  415: '媒体类型不支持',
  422: '业务规则不允许',
};

export function buildOpenApiDocument(routes: RouteContract[], version: string): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of routes) {
    const statuses = [400, ...(route.auth ? [401] : []), ...(route.errors ?? [])];
    registry.registerPath({
      method: route.method.toLowerCase() as 'get',
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      ...(route.auth ? { security: [{ [bearer.name]: [] }] } : {}),
      request: {
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [route.successStatus]: { description: 'OK', content: { 'application/json': { schema: route.response } } },
        ...Object.fromEntries(
          statuses.map((status) => [status, { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: ErrorBody } } }]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: '学籍管理系统 API', version },
  }) as unknown as Record<string, unknown>;
}
