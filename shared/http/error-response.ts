// Maps whatever a handler threw to the API's error shape. ApiError is the expected path; anything
// else is a bug: it is logged (without request data) and answered with a generic 500.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { ApiError } from './api-error.ts';
import { logger } from './logger.ts';
import { jsonResponse } from './json-response.ts';

// A retried request (same Idempotency-Key) while the first is still running, or the key reused
// for a different request: the caller's mistake or timing, never a server error.
function idempotencyConflict(error: unknown): ApiError | undefined {
  if (error instanceof IdempotencyAlreadyInProgressError) return new ApiError(409, 'REQUEST_IN_PROGRESS', '相同的请求正在处理中，请稍后查看结果');
  if (error instanceof IdempotencyValidationError) return new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一个不同的请求');
  return undefined;
}

export function errorResponse(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const error = request.error;
      if (error instanceof ApiError) {
        request.response = jsonResponse(error.status, error.toBody(), error.headers);
        return;
      }
      const retry = idempotencyConflict(error);
      if (retry) {
        request.response = jsonResponse(retry.status, retry.toBody());
        return;
      }
      logger.error('unhandled error', error instanceof Error ? error : new Error(String(error)));
      const internal = new ApiError(500, 'INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系管理员并提供请求编号');
      request.response = jsonResponse(500, internal.toBody());
    },
  };
}
