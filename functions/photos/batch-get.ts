import { getPhotoBatchRoute } from '#shared/api/photo-batches.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { batchView } from '#shared/services/photos/batch-view.ts';

export const handler = apiHandler(getPhotoBatchRoute, async ({ principal, params, query }) => ({ body: await batchView(principal, params.batchId, query) }));
