// Each invocation logs with keys of its own (see logger.ts).
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type middy from '@middy/core';
import { logger } from './logger.ts';

export function logged(handler: middy.MiddyfiedHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>) {
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> =>
    logger.scope(async () => (await handler(event, context)) as APIGatewayProxyStructuredResultV2);
}
