// Maps whatever a handler threw to the API's error shape. ApiError is the expected path; anything
// else is a bug: it is logged (without request data) and answered with a generic 500.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError } from './api-error.ts';
import { logger } from './logger.ts';
import { jsonResponse } from './json-response.ts';

export function errorResponse(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const error = request.error;
      if (error instanceof ApiError) {
        request.response = jsonResponse(error.status, error.toBody(), error.headers);
        return;
      }
      logger.error('unhandled error', error instanceof Error ? error : new Error(String(error)));
      const internal = new ApiError(500, 'INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系管理员并提供请求编号');
      request.response = jsonResponse(500, internal.toBody());
    },
  };
}
