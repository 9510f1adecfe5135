// A small HTTP client for the integration suites: JSON in, status + JSON out, and dev logins.
import { inject } from 'vitest';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export const baseUrl = (): string => inject('stack').url;

export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; url?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${options.url ?? baseUrl()}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

const tokens = new Map<string, string>();

export async function login(username: string, url?: string): Promise<string> {
  const key = `${url ?? ''}|${username}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const reply = await call<{ token: string }>('POST', '/v1/auth/dev-login', { body: { username }, url });
  if (reply.status !== 200) throw new Error(`dev-login ${username} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  tokens.set(key, reply.body.token);
  return reply.body.token;
}
