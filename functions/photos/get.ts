import { getPhotoRoute } from '#shared/api/photos.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { viewPhoto } from '#shared/services/photos/view.ts';

export const handler = apiHandler(getPhotoRoute, async ({ principal, params }) => ({ body: await viewPhoto(principal, params.studentId) }));
