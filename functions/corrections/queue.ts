import { correctionQueueRoute } from '#shared/api/corrections.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { schoolCorrections } from '#shared/services/students/corrections.ts';

export const handler = httpHandler(correctionQueueRoute, async ({ principal, query }) => ({
  body: await schoolCorrections(principal, query),
}));
