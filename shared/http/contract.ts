// A route's public contract: its path, inputs and output as zod schemas. Handlers parse with it;
// the OpenAPI document is generated from it, so the two cannot drift.
import type { z } from 'zod';
import type { HttpMethod } from '#shared/manifest/types.ts';

export interface RouteContract<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
  TAuth extends boolean = boolean,
> {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  /** Whether a bearer token is required. */
  auth: TAuth;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  response: TResponse;
  successStatus: number;
  /** Error statuses this route can answer besides 400/401/500. */
  errors?: number[];
}

export function defineRoute<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
  TAuth extends boolean = boolean,
>(contract: RouteContract<TParams, TQuery, TBody, TResponse, TAuth>): RouteContract<TParams, TQuery, TBody, TResponse, TAuth> {
  return contract;
}
