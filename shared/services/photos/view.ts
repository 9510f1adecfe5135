// A student's photo as the API shows it: the latest upload's status (with the reasons of a
// rejection, the size and, once checked, the dimensions) and, while the student has an accepted
// photo, short-lived links to it and its thumbnail. Only those who may read the full record see it.
import { presignStoredGet } from '#shared/data/object-store.ts';
import { getPhotoState } from '#shared/data/photo-repo.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { photoKey, thumbnailKey } from '#shared/domain/photos/keys.ts';
import { effectivePhotoStatus, PHOTO_LINK_SECONDS } from '#shared/domain/photos/photo.ts';
import type { PhotoStatus } from '#shared/domain/photos/spec.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { notFound } from '#shared/http/api-error.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { loadStudentFor } from '../students/access.ts';

export interface PhotoView {
  status: PhotoStatus;
  reasons: string[];
  size: number;
  width?: number;
  height?: number;
  uploadedAt: string;
  checkedAt?: string;
  url?: string;
  thumbnailUrl?: string;
  acceptedAt?: string;
}

export async function viewPhoto(principal: Principal, studentId: string): Promise<PhotoView> {
  await loadStudentFor(principal, studentId, 'photo.read');
  const state = await getPhotoState(studentId);
  if (!state) throw notFound('该学生还没有照片');
  const { status, reasons } = effectivePhotoStatus(state, new Date());
  const current = state.current;
  const bucket = bucketName(FILES_BUCKET);
  const [url, thumbnailUrl] = current
    ? await Promise.all([presignStoredGet(bucket, photoKey(studentId, current.photoId), PHOTO_LINK_SECONDS), presignStoredGet(bucket, thumbnailKey(studentId, current.photoId), PHOTO_LINK_SECONDS)])
    : [];
  return {
    status,
    reasons,
    size: state.size,
    ...(state.width !== undefined && state.height !== undefined ? { width: state.width, height: state.height } : {}),
    uploadedAt: state.uploadedAt,
    ...(state.checkedAt ? { checkedAt: state.checkedAt } : {}),
    ...(url && thumbnailUrl && current ? { url, thumbnailUrl, acceptedAt: current.acceptedAt } : {}),
  };
}
