import { buildOpenApiDocument } from '#shared/api/openapi.ts';
import { allRoutes } from '#shared/api/routes.ts';
import { openApiRoute } from '#shared/api/system.ts';
import { httpHandler } from '#shared/http/handler.ts';

// Built once per container: the document only changes with a deployment.
let document: Record<string, unknown> | undefined;

export const handler = httpHandler(openApiRoute, async () => {
  document ??= buildOpenApiDocument(allRoutes, process.env.APP_VERSION ?? 'dev');
  return { body: document };
});
