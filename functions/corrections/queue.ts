import { correctionQueueRoute } from '#shared/api/corrections.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { schoolCorrections } from '#shared/services/students/corrections.ts';

export const handler = apiHandler(correctionQueueRoute, async ({ principal, query }) => ({
  body: await schoolCorrections(principal, query),
}));
