import { healthRoute } from '#shared/api/system.ts';
import { httpHandler } from '#shared/http/handler.ts';

export const handler = httpHandler(healthRoute, async () => ({
  body: { status: 'ok' as const, version: process.env.APP_VERSION ?? 'dev' },
}));
