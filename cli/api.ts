// The API as the CLI calls it: JSON in and out with the caller's token. A refusal becomes a
// CliError carrying the API's own Chinese message (and its fields'), a connection that fails one
// saying which address could not be reached.
import { CliError } from './exit-codes.ts';

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: { path: string; message: string }[] };
}

export class Api {
  readonly url: string;
  private token: string;

  constructor(url: string, token = '') {
    this.url = url.replace(/\/+$/, '');
    this.token = token;
  }

  /** Signs in as a local demo user (the dev login of a stack without an OpenID issuer). */
  async devLogin(username: string): Promise<void> {
    this.token = (await this.call<{ token: string }>('POST', '/v1/auth/dev-login', { username })).token;
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await send(`${this.url}${path}`, {
      method,
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new CliError(refusal(`${method} ${path}`, response.status, text));
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(`${method} ${path}：系统的回答不是 JSON (HTTP ${response.status})，--url 是否指向本系统？`);
    }
  }
}

/** fetch, with a failed connection said in words. */
export async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`无法连接 ${new URL(url).origin}：${cause?.code ?? cause?.message ?? (error as Error).message} (系统是否在运行？)`);
  }
}

/** The API's message for a refusal, with its code and status for whoever reports it. */
export function refusal(what: string, status: number, text: string): string {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // Not the API's error shape (a proxy's page, say): the status says enough.
  }
  const error = body.error;
  if (!error?.message) return `${what}：HTTP ${status}${text ? ` ${text.slice(0, 200)}` : ''}`;
  const fields = (error.fields ?? []).filter((field) => field.message !== error.message).map((field) => `\n  ${field.path}：${field.message}`);
  return `${error.message} (${error.code ?? 'ERROR'}，HTTP ${status})${fields.join('')}`;
}
