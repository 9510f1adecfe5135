// A student's photo state, as the records table keeps it: the latest upload (pending, accepted or
// rejected with its reasons) and the current photo, the last one accepted. A rejected upload leaves
// the current photo in place; an accepted one replaces it, and the one it replaces is removed (a
// student has one photo; the audit entries keep when each was uploaded and checked, by whom).

import type { PhotoStatus } from './spec.ts';

/** How long a presigned upload stays valid. */
export const PHOTO_UPLOAD_SECONDS = 10 * 60;
/** How long the links to a photo and its thumbnail stay valid: personal data, so briefly. */
export const PHOTO_LINK_SECONDS = 5 * 60;
/**
 * An upload not checked this long after its window closed never came (S3 delivers its event in
 * seconds, Lambda retries a failed check within minutes): it is shown as rejected.
 */
export const PHOTO_CHECK_GRACE_SECONDS = 60 * 60;

export const PHOTO_NOT_RECEIVED = '未在上传期限内收到或核验照片，请重新上传';

export interface CurrentPhoto {
  photoId: string;
  width: number;
  height: number;
  size: number;
  acceptedAt: string;
}

export interface PhotoState {
  studentId: string;
  /** The latest upload. */
  uploadId: string;
  status: PhotoStatus;
  /** Why it was rejected: one line per broken rule (Chinese, for people). */
  reasons: string[];
  /** Declared at upload, the real size once checked. */
  size: number;
  /** Measured by the check, when the file decoded. */
  width?: number;
  height?: number;
  uploadedBy: { userId: string; displayName: string; orgId: string };
  uploadedAt: string;
  /** The end of the upload window. */
  uploadBy: string;
  checkedAt?: string;
  current?: CurrentPhoto;
  /** The photo the current one replaced, whose files the check removes (again, on a retry). */
  retiredPhotoId?: string;
}

/** The latest upload's status as callers see it: one that never came is given up after the grace period. */
export function effectivePhotoStatus(state: Pick<PhotoState, 'status' | 'reasons' | 'uploadBy'>, now: Date): { status: PhotoStatus; reasons: string[] } {
  if (state.status === 'pending' && Date.parse(state.uploadBy) + PHOTO_CHECK_GRACE_SECONDS * 1000 < now.getTime()) return { status: 'rejected', reasons: [PHOTO_NOT_RECEIVED] };
  return { status: state.status, reasons: state.reasons };
}
