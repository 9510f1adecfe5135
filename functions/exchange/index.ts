// Area entry: exchange between deployments (跨省转学): the well-known document with the province
// and its public keys, and the endpoint that takes packets from peer provinces (public routes: a
// packet proves its sender by its signature, not by a user's token); and the exchange's queue,
// which sends this deployment's packets to its peers and applies the packets they sent. One
// function, so only it holds the exchange's settings and keys.
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { dispatch } from '#shared/http/dispatch.ts';
import { handler as deliver } from './deliver.ts';
import { handler as document } from './document.ts';
import { handleExchangeQueue } from './queue.ts';

const routes = dispatch(document, deliver);

const isQueueEvent = (event: unknown): event is SQSEvent => Array.isArray((event as { Records?: unknown }).Records);

async function exchange(event: APIGatewayProxyEventV2 | SQSEvent, context: Context) {
  return isQueueEvent(event) ? handleExchangeQueue(event) : routes(event, context);
}

export const handler = Object.assign(exchange, { routeKeys: routes.routeKeys });
