import { createImportRoute } from '#shared/api/imports.ts';
import { getImport } from '#shared/data/import-repo.ts';
import { presignPost } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { IMPORT_CONTENT_TYPE, sourceKey, UPLOAD_WINDOW_SECONDS } from '#shared/domain/imports/import.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { createImport } from '#shared/services/imports/create.ts';
import { presentImport } from '#shared/services/imports/read.ts';

export const handler = apiHandler(
  createImportRoute,
  async ({ principal, body }) => {
    const { upload, ...record } = await createImport(principal, body);
    return { status: 201, body: { ...presentImport(record), upload } };
  },
  {
    // The import item (IMPORT#<id>) is what the request created: a replay answers it with a fresh upload form for the same file.
    idempotent: async ({ PK }) => {
      const record = (await getImport(PK.slice('IMPORT#'.length)))!;
      const upload = await presignPost(bucketName(FILES_BUCKET), sourceKey(record.importId), { contentType: IMPORT_CONTENT_TYPE[record.format], size: record.size, expiresIn: UPLOAD_WINDOW_SECONDS });
      return jsonResponse(201, { ...presentImport(record), upload });
    },
  },
);
