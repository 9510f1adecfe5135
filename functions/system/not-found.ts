// API Gateway's `$default` route: every request no route matches lands here, so it too gets the
// API's error shape (API Gateway's own answer would be {"message":"Not Found"}). A known path with
// another method (HEAD of a GET route, say) answers 405 with the methods it has.
import middy from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError } from '#shared/http/api-error.ts';
import { correlation } from '#shared/http/correlation.ts';
import { errorResponse } from '#shared/http/error-response.ts';
import { logged } from '#shared/http/logged.ts';
import { compileRoute } from '#shared/http/route-pattern.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';

const local = process.env.LOCAL_MODE === 'true';
const routes = appManifest.functions
  .filter((fn) => local || !fn.localOnly)
  .flatMap((fn) => fn.triggers.flatMap((trigger) => (trigger.kind === 'http' ? [{ method: trigger.method, ...compileRoute(trigger.route) }] : [])));

export const handler = Object.assign(
  logged(
    middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(correlation())
    .use(httpSecurityHeaders())
    .use(errorResponse())
    .handler(async (event) => {
      const methods = [...new Set(routes.filter((route) => route.pattern.test(event.rawPath)).map((route) => route.method))];
      if (methods.length === 0) throw new ApiError(404, 'ROUTE_NOT_FOUND', '没有这个接口，请检查地址');
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `该接口不支持 ${event.requestContext.http.method} 请求`, [], { allow: methods.join(', ') });
    }),
  ),
  { routeKey: '$default' },
);
