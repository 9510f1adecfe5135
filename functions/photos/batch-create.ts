import { createPhotoBatchRoute } from '#shared/api/photo-batches.ts';
import { getBatch } from '#shared/data/photo-batch-repo.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { batchUploadForm, createBatch } from '#shared/services/photos/batch-create.ts';
import { presentBatch } from '#shared/services/photos/batch-view.ts';

export const handler = apiHandler(
  createPhotoBatchRoute,
  async ({ principal, body }) => {
    const { upload, ...batch } = await createBatch(principal, body);
    return { status: 201, body: { ...presentBatch(batch), upload } };
  },
  {
    // The batch item (PHOTOBATCH#<id>) is what the request created: a replay answers it with a fresh form for the same zip.
    idempotent: async ({ PK }) => {
      const batch = (await getBatch(PK.slice('PHOTOBATCH#'.length)))!;
      return jsonResponse(201, { ...presentBatch(batch), upload: await batchUploadForm(batch) });
    },
  },
);
