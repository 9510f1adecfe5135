// A route's public contract: its path, inputs and output as zod schemas, and the headers it reads
// and writes (its example is in shared/api/examples.ts). Handlers parse with it; the OpenAPI document is generated from it, and
// the web app's client is typed by it, so none of them can drift.
import type * as z from 'zod/mini';
import type { Built } from '#shared/domain/schema-once.ts';
import type { HttpMethod } from '#shared/manifest/types.ts';

/** Request headers a route reads, beyond Authorization and X-Correlation-Id which every route takes. */
export type RequestHeader = 'if-match' | 'if-match-optional' | 'idempotency-key';
/** Response headers a successful answer carries. */
export type ResponseHeader = 'etag' | 'location';

export type Schema = z.core.$ZodType;

export interface RouteContract<
  TParams extends Schema = Schema,
  TQuery extends Schema = Schema,
  TBody extends Schema = Schema,
  TResponse extends Schema = Schema,
  TAuth extends boolean = boolean,
> {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  /** Whether a bearer token is required. */
  auth: TAuth;
  // Built on first use (shared/domain/schema-once.ts): a cold start builds only its route's schemas.
  params?: Built<TParams>;
  query?: Built<TQuery>;
  body?: Built<TBody>;
  response: Built<TResponse>;
  successStatus: number;
  /** Error statuses this route can answer besides 400, 401 (with auth), 429 and 500. */
  errors?: number[];
  requestHeaders?: RequestHeader[];
  responseHeaders?: ResponseHeader[];
  /** The answer is a file of this type, not JSON: the handler's body is `FileBody` (its response schema types it). */
  file?: { contentType: string };
}

/** What a file route's handler answers: sent as the file itself, saved under `fileName`. */
export interface FileBody {
  fileName: string;
  content: Uint8Array;
}

/** A route without params, query or body has `never` there, so its handler and client ask for none. */
export function defineRoute<
  TParams extends Schema = never,
  TQuery extends Schema = never,
  TBody extends Schema = never,
  TResponse extends Schema = Schema,
  TAuth extends boolean = boolean,
>(contract: RouteContract<TParams, TQuery, TBody, TResponse, TAuth>): RouteContract<TParams, TQuery, TBody, TResponse, TAuth> {
  return contract;
}

/** The API Gateway route key of a contract, e.g. `GET /v1/students/{studentId}`. */
export const routeKeyOf = (contract: Pick<RouteContract, 'method' | 'path'>): string => `${contract.method} ${contract.path}`;
