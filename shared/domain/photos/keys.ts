// Where a student's photo lives in the file bucket. Keys hold ids only, never a name or an ID
// number. An upload lands under the bucket's expiring incoming/ (the photo check is triggered by
// this prefix); a checked photo and its thumbnail are written by the check under photos/, which
// nothing expires and no upload form names.

export const INCOMING_PHOTO_PREFIX = 'incoming/photos/';

export const incomingPhotoKey = (studentId: string, uploadId: string) => `${INCOMING_PHOTO_PREFIX}${studentId}/${uploadId}`;

export function parseIncomingPhotoKey(key: string): { studentId: string; uploadId: string } | undefined {
  const match = /^incoming\/photos\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/.exec(key);
  return match ? { studentId: match[1]!, uploadId: match[2]! } : undefined;
}

/** The accepted photo, named by the upload it came from. */
export const photoKey = (studentId: string, photoId: string) => `photos/${studentId}/${photoId}.jpg`;
export const thumbnailKey = (studentId: string, photoId: string) => `photos/${studentId}/${photoId}.thumb.jpg`;
