// A student's photo (照片), the browser's side (docs/api-guide.md "Photos"): reading it (a student
// without one answers 404, shown as none), what may go up (a JPEG, no bigger than the upload
// limit: checked here first, so a wrong file is refused at once and in words; the photo's own rules
// are checked by the server once it has landed), and asking for the upload form.
import { getPhotoRoute, uploadPhotoRoute } from '#shared/api/photos.ts';
import { MAX_PHOTO_UPLOAD_BYTES } from '#shared/domain/photos/spec.ts';
import { ApiClientError, request, type ResponseOf } from '../../api/client.ts';
import type { Me } from '../../auth/session.tsx';

export type Photo = ResponseOf<typeof getPhotoRoute>;

export const photoKey = (studentId: string) => ['photo', studentId];

/** Who sees photos, as the API decides it (shared/domain/policy.ts `photo.read`): not teachers and advisors. */
export const maySeePhoto = (me: Pick<Me, 'role'>): boolean => me.role !== 'teacher' && me.role !== 'class_advisor';

/** The photo, or null when the student has none. */
export async function readPhoto(studentId: string): Promise<Photo | null> {
  try {
    return (await request(getPhotoRoute, { params: { studentId } })).data;
  } catch (error) {
    if (error instanceof ApiClientError && error.status === 404 && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export const ACCEPT = '.jpg,.jpeg,image/jpeg';

/** What the browser can tell before sending: the type and the size. */
export function checkPhotoFile(file: { name: string; type: string; size: number }): string | undefined {
  const extension = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  if (file.type !== 'image/jpeg' && !['jpg', 'jpeg'].includes(extension)) return `“${file.name}”不是 JPEG (JPG) 文件。照片须为 JPEG 格式，请另存为 JPG 后再上传。`;
  if (file.size === 0) return `“${file.name}”是空文件，不能上传。`;
  if (file.size > MAX_PHOTO_UPLOAD_BYTES) return `“${file.name}”有 ${Math.ceil(file.size / 1024)} KB，照片须小于 60 KB。请降低图片质量或尺寸后再上传。`;
  return undefined;
}

export async function openPhotoUpload(studentId: string, file: File) {
  return (await request(uploadPhotoRoute, { params: { studentId }, body: { contentType: 'image/jpeg', size: file.size } })).data.upload;
}
