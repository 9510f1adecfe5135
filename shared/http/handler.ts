// Builds an HTTP Lambda handler from a route contract and the route's logic. Middy composes the
// cross-cutting parts once, outermost first: logging context and correlation id, CORS, security
// headers, error mapping, authentication; then the route's own middlewares (idempotency), so
// nothing is written for a caller without a valid token; input parsing runs in the handler body,
// so a 401 always wins over a validation error.
import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Principal } from '#shared/domain/principal.ts';
import { authenticate } from './authenticate.ts';
import type { RouteContract } from './contract.ts';
import { correlation, correlationId } from './correlation.ts';
import { errorResponse } from './error-response.ts';
import { jsonResponse } from './json-response.ts';
import { logger } from './logger.ts';
import { readRequest } from './read-request.ts';

type Infer<T> = [Exclude<T, undefined>] extends [never] ? undefined : z.infer<Exclude<T, undefined>>;

export interface HttpRequest<C extends RouteContract> {
  params: Infer<C['params']>;
  query: Infer<C['query']>;
  body: Infer<C['body']>;
  /** The caller; present on every route with `auth: true`. */
  principal: C['auth'] extends true ? Principal : Principal | undefined;
  event: APIGatewayProxyEventV2;
  correlationId: string;
}

export interface HttpReply<T> {
  body: T;
  status?: number;
  headers?: Record<string, string>;
}

export type HttpLambda = middy.MiddyfiedHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

const corsOrigins = (): string[] => (process.env.CORS_ORIGIN ?? '').split(',').map((o) => o.trim()).filter(Boolean);

export interface HandlerOptions {
  /** Middlewares that run inside the error mapping, around the route (e.g. idempotency). */
  inner?: MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[];
}

export function httpHandler<C extends RouteContract>(
  contract: C,
  impl: (request: HttpRequest<C>) => Promise<HttpReply<z.input<C['response']>>>,
  options: HandlerOptions = {},
): HttpLambda {
  const principals = new WeakMap<APIGatewayProxyEventV2, Principal>();
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlation())
    .use(httpCors({ origins: corsOrigins(), headers: 'authorization,content-type,if-match,idempotency-key,x-correlation-id', exposeHeaders: 'etag,location,x-correlation-id' }))
    .use(httpSecurityHeaders())
    .use(errorResponse())
    .before(async (request) => {
      if (contract.auth) principals.set(request.event, await authenticate(request.event));
    });
  for (const middleware of options.inner ?? []) handler.use(middleware);
  return handler.handler(async (event) => {
      const principal = principals.get(event);
      const inputs = readRequest(contract, event);
      const reply = await impl({
        params: inputs.params,
        query: inputs.query,
        body: inputs.body,
        principal,
        event,
        correlationId: correlationId(event),
      } as HttpRequest<C>);
      return jsonResponse(reply.status ?? contract.successStatus, reply.body, reply.headers);
    });
}
