import { uploadPhotoRoute } from '#shared/api/photos.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { requestPhotoUpload } from '#shared/services/photos/upload.ts';

export const handler = apiHandler(uploadPhotoRoute, async ({ principal, params, body }) => ({ status: 201, body: await requestPhotoUpload(principal, params.studentId, body) }));
