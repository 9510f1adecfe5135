// Correlation id per request: taken from the caller's X-Correlation-Id when well formed, else the
// gateway's request id; added to every log line and echoed in the response. Also writes one
// access-log line per request (route, status, duration; never bodies or personal data).
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from './logger.ts';

const WELL_FORMED = /^[A-Za-z0-9._-]{1,64}$/;

export function correlationId(event: APIGatewayProxyEventV2): string {
  const given = event.headers['x-correlation-id'];
  return given && WELL_FORMED.test(given) ? given : event.requestContext.requestId;
}

export function correlation(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const started = new WeakMap<object, number>();
  const finish = (request: { event: APIGatewayProxyEventV2; response: APIGatewayProxyStructuredResultV2 | null | undefined }): void => {
    const id = correlationId(request.event);
    if (request.response) request.response.headers = { ...request.response.headers, 'x-correlation-id': id };
    const status = request.response?.statusCode ?? 500;
    const line = { route: request.event.routeKey, status, ms: Date.now() - (started.get(request.event) ?? Date.now()) };
    if (status >= 500) logger.error('request failed', line);
    else logger.info('request', line);
  };
  return {
    before: (request) => {
      started.set(request.event, Date.now());
      logger.appendKeys({ correlationId: correlationId(request.event), requestId: request.context.awsRequestId, functionName: request.context.functionName });
    },
    after: finish,
    onError: finish,
  };
}
