// The API client, typed by the route contracts the server parses with (shared/api): a route's
// path parameters, query, body and answer are the contract's schema types, so a field renamed on
// the server fails the web app's type check. Errors arrive as ApiClientError with the API's code,
// message and field errors; a 401 sends the user back to the login page.
import type * as z from 'zod/mini';
import type { RouteContract } from '#shared/http/contract.ts';

type Built<F, Io extends 'input' | 'output'> = F extends () => infer S ? (S extends z.core.$ZodType ? (Io extends 'input' ? z.input<S> : z.output<S>) : never) : never;

export type ResponseOf<C extends RouteContract> = Built<C['response'], 'output'>;
export type BodyOf<C extends RouteContract> = Built<C['body'], 'input'>;
export type QueryOf<C extends RouteContract> = Built<C['query'], 'input'>;

export type RequestInput<C extends RouteContract> = ([Built<C['params'], 'input'>] extends [never] ? { params?: undefined } : { params: Built<C['params'], 'input'> }) &
  ([QueryOf<C>] extends [never] ? { query?: undefined } : { query?: Partial<QueryOf<C>> }) &
  ([BodyOf<C>] extends [never] ? { body?: undefined } : { body: BodyOf<C> }) & {
    headers?: Record<string, string>;
    signal?: AbortSignal;
  };

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class ApiClientError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, body: { code?: string; message?: string; fields?: FieldError[]; details?: Record<string, unknown> } | undefined) {
    super(body?.message ?? (status >= 500 ? '服务器暂时无法处理请求，请稍后重试' : `请求失败 (${status})`));
    this.name = 'ApiClientError';
    this.status = status;
    this.code = body?.code ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN');
    this.fields = body?.fields ?? [];
    this.details = body?.details;
  }
}

interface Session {
  token(): Promise<string | undefined>;
  onUnauthorized(): void;
}

let session: Session = { token: async () => undefined, onUnauthorized: () => undefined };

/** The auth module tells the client where tokens come from and what a 401 does. */
export function connectSession(next: Session): void {
  session = next;
}

function pathOf(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

export interface Answer<T> {
  data: T;
  headers: Headers;
}

export async function request<C extends RouteContract>(contract: C, input: RequestInput<C>): Promise<Answer<ResponseOf<C>>> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json', ...input.headers };
  if (contract.auth) {
    const token = await session.token();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  const url = `${pathOf(contract.path, input.params as Record<string, unknown> | undefined)}${search.size > 0 ? `?${search}` : ''}`;
  let response: Response;
  try {
    response = await fetch(url, { method: contract.method, headers, body: input.body === undefined ? undefined : JSON.stringify(input.body), signal: input.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiClientError(0, { code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    if (response.status === 401 && contract.auth) session.onUnauthorized();
    const body = (json as { error?: ConstructorParameters<typeof ApiClientError>[1] } | undefined)?.error;
    throw new ApiClientError(response.status, body ?? (response.status === 429 ? { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } : undefined));
  }
  return { data: json as ResponseOf<C>, headers: response.headers };
}

/**
 * A route that answers a file (its contract's `file`, e.g. the import template): the bytes as a
 * Blob, sent with the session's token (so no plain link can fetch it); refusals as ApiClientError.
 */
export async function requestFile<C extends RouteContract>(contract: C, input: RequestInput<C>): Promise<Blob> {
  const headers: Record<string, string> = { ...input.headers };
  if (contract.auth) {
    const token = await session.token();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(pathOf(contract.path, input.params as Record<string, unknown> | undefined), { method: contract.method, headers, signal: input.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiClientError(0, { code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
  }
  if (!response.ok) {
    if (response.status === 401 && contract.auth) session.onUnauthorized();
    const body = (await response.json().catch(() => undefined)) as { error?: ConstructorParameters<typeof ApiClientError>[1] } | undefined;
    throw new ApiClientError(response.status, body?.error);
  }
  return response.blob();
}
