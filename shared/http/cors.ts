// The API's CORS settings, one list for both gateways: the CDK stack gives them to API Gateway
// (which answers preflights and adds the headers to every answer), the local gateway applies them
// the same way. The web app itself is served from the API's origin and needs none of it.
export const CORS = {
  allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-correlation-id'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  exposeHeaders: ['etag', 'location', 'retry-after', 'idempotent-replayed', 'x-correlation-id'],
  maxAgeSeconds: 3600,
} as const;
