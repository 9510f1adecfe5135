// Builds an HTTP Lambda handler from a route contract and the route's logic. Middy composes the
// cross-cutting parts once, outermost first: logging context and correlation id, security
// headers, error mapping, authentication (routes with a token only; public routes never load the
// token and account code). The handler body then applies the route's rate limit and its
// Idempotency-Key, so nothing is counted or written for a caller without a valid token, and
// parses the inputs, so a 401 always wins over a validation error. CORS is the gateway's job
// (API Gateway answers preflights and adds the headers; the local gateway does the same).
import middy from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Principal } from '#shared/domain/principal.ts';
import { routeKeyOf, type FileBody, type RouteContract } from './contract.ts';
import { correlation, correlationId } from './correlation.ts';
import { errorResponse } from './error-response.ts';
import { fileResponse } from './file-response.ts';
import { jsonResponse } from './json-response.ts';
import { readRequest } from './read-request.ts';
import { logged } from './logged.ts';
import { checkResponse } from './response-check.ts';

type Infer<T> = [Exclude<T, undefined>] extends [never] ? undefined : Exclude<T, undefined> extends () => infer S ? (S extends z.core.$ZodType ? z.infer<S> : undefined) : undefined;
/** What a route's handler answers: the input type of its response schema. */
export type ResponseOf<C extends RouteContract> = z.input<ReturnType<C['response']>>;

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
/** A route's handler, named by its API Gateway route key so an area's entry can dispatch to it. */
export type RouteLambda = ((event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>) & { readonly routeKey: string };

/** Where an authenticated route's caller comes from (shared/http/api-handler.ts supplies it). */
export type Authenticate = (event: APIGatewayProxyEventV2) => Promise<Principal>;

type Result = APIGatewayProxyStructuredResultV2;

export interface HandlerOptions {
  authenticate?: Authenticate;
  /** Refuses a caller before the route runs (its rate limit). */
  admit?: (principal: Principal, event: APIGatewayProxyEventV2) => Promise<void>;
  /** Runs the route at most once per Idempotency-Key. */
  once?: (input: { event: APIGatewayProxyEventV2; principal: Principal; context: Context }, run: () => Promise<Result>) => Promise<Result>;
}

export function httpHandler<C extends RouteContract>(
  contract: C,
  impl: (request: HttpRequest<C>) => Promise<HttpReply<ResponseOf<C>>>,
  options: HandlerOptions = {},
): RouteLambda {
  if (contract.auth && !options.authenticate) throw new Error(`${routeKeyOf(contract)} needs a token but its handler has no authenticate`);
  const principals = new WeakMap<APIGatewayProxyEventV2, Principal>();
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(correlation())
    .use(httpSecurityHeaders())
    .use(errorResponse());
  const { authenticate } = options;
  if (contract.auth && authenticate) handler.before(async (request) => void principals.set(request.event, await authenticate(request.event)));
  const lambda = handler.handler(async (event, context) => {
    const principal = principals.get(event);
    if (principal && options.admit) await options.admit(principal, event);
    const run = async (): Promise<Result> => {
      const inputs = readRequest(contract, event);
      const reply = await impl({ params: inputs.params, query: inputs.query, body: inputs.body, principal, event, correlationId: correlationId(event) } as HttpRequest<C>);
      if (contract.file) return fileResponse(reply.status ?? contract.successStatus, contract.file.contentType, reply.body as FileBody, reply.headers);
      checkResponse(contract, reply.body);
      return jsonResponse(reply.status ?? contract.successStatus, reply.body, reply.headers);
    };
    return principal && options.once ? options.once({ event, principal, context }, run) : run();
  });
  return Object.assign(logged(lambda), { routeKey: routeKeyOf(contract) });
}
