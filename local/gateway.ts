// The local HTTP gateway: turns each request into an API Gateway HTTP API (payload 2.0) event,
// calls the route's handler in-process and writes its result back, as API Gateway would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CORS } from '#shared/http/cors.ts';
import type { FunctionDef } from '#shared/manifest/types.ts';
import type { LocalFunctions } from './functions.ts';
import { MalformedPath, matchRoute, type HttpRoute } from './http-routes.ts';

const MAX_BODY_BYTES = 10 * 1024 * 1024; // API Gateway's payload limit

export interface GatewayOptions {
  routes: HttpRoute[];
  /** The function of API Gateway's `$default` route: what no route matches goes there. */
  defaultRoute?: FunctionDef;
  /** Origins allowed by CORS (API Gateway's corsPreflight allowOrigins). */
  corsOrigins: string[];
  functions: LocalFunctions;
  region: string;
  /** Verifies a bearer token for the claims API Gateway's JWT authorizer would pass on. */
  verify: (authorization: string | undefined) => Promise<Record<string, unknown>>;
  /** Extra fixed responses (the local JWKS, the web UI). Return true when handled. */
  extra?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean> | boolean;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

const errorBody = (code: string, message: string) => ({ error: { code, message, fields: [] } });

/** CORS as API Gateway applies its corsPreflight settings: headers on answers to allowed origins. */
function corsHeaders(request: IncomingMessage, origins: string[]): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin || !origins.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': CORS.exposeHeaders.join(','), vary: 'origin' };
}

/** A CORS preflight (OPTIONS with Access-Control-Request-Method), answered by the gateway itself. */
function isPreflight(request: IncomingMessage): boolean {
  return request.method === 'OPTIONS' && typeof request.headers['access-control-request-method'] === 'string';
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function isTextual(contentType: string | undefined): boolean {
  return !contentType || /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript))/i.test(contentType) || /\+json|\+xml/i.test(contentType);
}

async function toEvent(
  request: IncomingMessage,
  url: URL,
  match: { routeKey: string; auth: 'jwt' | 'none'; params: Record<string, string> },
  body: Buffer,
  options: GatewayOptions,
): Promise<APIGatewayProxyEventV2WithJWTAuthorizer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const textual = isTextual(headers['content-type']);
  const now = new Date();
  let claims: Record<string, unknown> | undefined;
  if (match.auth === 'jwt' && headers.authorization) {
    claims = await options.verify(headers.authorization).catch(() => undefined);
  }
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: request.headers.cookie?.split(/;\s*/),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: Object.keys(match.params).length > 0 ? match.params : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: match.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: (claims ?? {}) as Record<string, string>, scopes: [] } },
    },
    body: body.length > 0 ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
    stageVariables: undefined,
  };
}

function writeResult(response: ServerResponse, result: unknown, cors: Record<string, string>): void {
  // A handler may return a structured result, or any value (API Gateway then sends it as JSON).
  const structured =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result) };
  const headers: Record<string, string | string[]> = { ...(structured.headers as Record<string, string>), ...cors };
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  response.writeHead(structured.statusCode ?? 200, headers);
  const body = structured.body ?? '';
  response.end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

export function createGateway(options: GatewayOptions): Server {
  return createServer((request, response) => {
    void (async () => {
      const cors = corsHeaders(request, options.corsOrigins);
      try {
        if (options.extra && (await options.extra(request, response))) return;
        if (isPreflight(request)) {
          response.writeHead(204, {
            ...cors,
            ...(cors['access-control-allow-origin']
              ? { 'access-control-allow-methods': CORS.allowMethods.join(','), 'access-control-allow-headers': CORS.allowHeaders.join(','), 'access-control-max-age': String(CORS.maxAgeSeconds) }
              : {}),
          });
          response.end();
          return;
        }
        const url = new URL(request.url ?? '/', 'http://localhost');
        let match: { fn: FunctionDef; routeKey: string; auth: 'jwt' | 'none'; params: Record<string, string> } | undefined;
        try {
          const found = matchRoute(options.routes, request.method ?? 'GET', url.pathname);
          if (found) match = { fn: found.route.fn, routeKey: found.route.routeKey, auth: found.route.auth, params: found.params };
        } catch (error) {
          if (!(error instanceof MalformedPath)) throw error;
          sendJson(response, 400, errorBody('MALFORMED_URL', '请求地址的百分号编码不正确'), cors);
          return;
        }
        match ??= options.defaultRoute ? { fn: options.defaultRoute, routeKey: '$default', auth: 'none', params: {} } : undefined;
        if (!match) {
          sendJson(response, 404, errorBody('ROUTE_NOT_FOUND', '没有这个接口，请检查地址'), cors);
          return;
        }
        const body = await readBody(request);
        if (body === 'too-large') {
          sendJson(response, 413, errorBody('PAYLOAD_TOO_LARGE', '请求体超过 10 MB 上限'), cors);
          return;
        }
        const event = await toEvent(request, url, match, body, options);
        writeResult(response, await options.functions.invoke(match.fn, event), cors);
      } catch (error) {
        // API Gateway answers a failed invocation with 500; a handler here never throws (it maps
        // errors itself), so this is a bug of the runtime.
        console.error('[gateway] handler crashed:', error);
        if (!response.headersSent) sendJson(response, 500, errorBody('INTERNAL', '服务器内部错误'), cors);
        else response.end();
      }
    })();
  });
}
