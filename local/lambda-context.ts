// A Lambda invocation context for in-process calls, with the fields handlers and Powertools read.
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionDef } from '#shared/manifest/types.ts';

export function lambdaContext(fn: FunctionDef, region: string): Context {
  const timeoutMs = (fn.timeoutSeconds ?? 29) * 1000;
  const deadline = Date.now() + timeoutMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.id,
    functionVersion: '$LATEST',
    invokedFunctionArn: `local:${region}:function:${fn.id}`,
    memoryLimitInMB: String(fn.memoryMb ?? 512),
    awsRequestId: requestId,
    logGroupName: `/local/${fn.id}`,
    logStreamName: requestId,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
