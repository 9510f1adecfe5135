// An area's Lambda serves several routes (one function per area keeps the stack small and the
// functions warm): API Gateway names the matched route in `routeKey`, and this hands the event
// to that route's handler. The manifest lists the same routes, and a test checks they agree.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteLambda } from './handler.ts';
import { jsonResponse } from './json-response.ts';

export type AreaHandler = ((event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>) & { readonly routeKeys: string[] };

export function dispatch(...routes: RouteLambda[]): AreaHandler {
  const byKey = new Map(routes.map((route) => [route.routeKey, route]));
  if (byKey.size !== routes.length) throw new Error('Two handlers of one area claim the same route');
  const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = byKey.get(event.routeKey);
    if (!route) return jsonResponse(404, { error: { code: 'ROUTE_NOT_FOUND', message: '没有这个接口', fields: [] } });
    return (await route(event, context)) ?? jsonResponse(500, { error: { code: 'INTERNAL', message: '服务器内部错误', fields: [] } });
  };
  return Object.assign(handler, { routeKeys: [...byKey.keys()] });
}
