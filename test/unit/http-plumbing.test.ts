// The middy plumbing, invoked directly with API Gateway v2 events (no network needed): input
// errors become 4xx in the API's error shape and unexpected errors a generic 500.
import { describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { defineRoute } from '#shared/http/contract.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { ruleViolation } from '#shared/http/api-error.ts';
import { logger } from '#shared/http/logger.ts';

const route = defineRoute({
  operationId: 'echo',
  method: 'POST',
  path: '/echo/{id}',
  summary: 'echo',
  tags: [],
  auth: false,
  params: () => z.object({ id: z.string().check(z.regex(/^\d+$/)) }),
  body: () => z.object({ name: z.string().check(z.minLength(1)), age: z.optional(z.int()) }),
  response: () => z.object({ id: z.string(), name: z.string() }),
  successStatus: 201,
});

const handler = httpHandler(route, async ({ params, body }) => {
  if (body.name === 'boom') throw new Error('secret internals');
  if (body.name === 'rule') throw ruleViolation('ROLE_ORG_MISMATCH', '不允许');
  return { body: { id: params.id, name: body.name } };
});

const context = { functionName: 'echo', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

function event(body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }, id = '7'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /echo/{id}',
    rawPath: `/echo/${id}`,
    rawQueryString: '',
    headers,
    pathParameters: { id },
    requestContext: { requestId: 'req-1', http: { method: 'POST', path: `/echo/${id}` }, routeKey: 'POST /echo/{id}' } as APIGatewayProxyEventV2['requestContext'],
    body,
    isBase64Encoded: false,
  };
}

async function invoke(e: APIGatewayProxyEventV2) {
  const result = await handler(e, context);
  return { status: result.statusCode, body: JSON.parse(result.body ?? '{}') as { error?: { code: string; message: string; fields?: { path: string; message: string }[] } } & Record<string, unknown>, headers: result.headers ?? {} };
}

describe('httpHandler', () => {
  it('parses a valid request and answers with the contract status', async () => {
    const reply = await invoke(event(JSON.stringify({ name: '李𠮷' })));
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ id: '7', name: '李𠮷' });
    expect(reply.headers['x-correlation-id']).toBe('req-1');
  });

  it('names each invalid field with a Chinese message', async () => {
    const reply = await invoke(event(JSON.stringify({ name: '', age: 'x' })));
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error?.fields?.map((f) => f.path).sort()).toEqual(['age', 'name']);
    expect(reply.body.error?.fields?.every((f) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);
  });

  it('answers 400 for bad path parameters, malformed JSON and a missing body; 415 for another media type', async () => {
    expect((await invoke(event(JSON.stringify({ name: 'a' }), undefined, 'abc'))).status).toBe(400);
    expect((await invoke(event('{"name":'))).body.error?.code).toBe('MALFORMED_JSON');
    expect((await invoke(event(undefined))).body.error?.code).toBe('BODY_REQUIRED');
    expect((await invoke(event('name=a', { 'content-type': 'application/x-www-form-urlencoded' }))).status).toBe(415);
    expect((await invoke(event('[1,2]'))).status).toBe(400);
  });

  it('maps domain refusals to their status and hides unexpected errors behind a 500', async () => {
    expect((await invoke(event(JSON.stringify({ name: 'rule' })))).status).toBe(422);
    const crash = await invoke(event(JSON.stringify({ name: 'boom' })));
    expect(crash.status).toBe(500);
    expect(crash.body.error?.code).toBe('INTERNAL');
    expect(JSON.stringify(crash.body)).not.toContain('secret internals');
  });
});

describe('logs', () => {
  it('never carry request bodies or personal data, even when a request fails', async () => {
    const secret = '11010519491231002X';
    // Whatever the configured level, inspect everything handed to the logger.
    const spies = (['debug', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(logger, level));
    try {
      await invoke(event(JSON.stringify({ name: secret })));
      await invoke(event(JSON.stringify({ name: 'boom', idNumber: secret })));
      await invoke(event(`{"name": "${secret}"`));
      const logged = spies.flatMap((spy) => spy.mock.calls);
      expect(logged.length).toBeGreaterThanOrEqual(3);
      const text = JSON.stringify(logged.map((args) => args.map((arg) => (arg instanceof Error ? { message: arg.message, stack: arg.stack } : arg))));
      expect(text).not.toContain(secret);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
