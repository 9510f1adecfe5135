// The check of a photo once it has landed under incoming/photos/ (an S3 object-created event): all
// of its bytes (at most the upload limit, so never more than that is read) against the deployment's
// spec (PHOTO_SPEC). An accepted photo is written with its thumbnail under photos/ (exactly the
// bytes checked) and becomes the student's current photo; the one it replaces is removed. A rejected
// one keeps its reasons. The upload is deleted either way. Each step is safe to repeat (Lambda
// retries a failed event, S3 may deliver one twice): the state is settled only while this upload
// is the latest and pending, in one transaction with the student's audit entry, and before the
// upload goes, so a retry knows what was decided.
import { commitWithAudit, TransactionConflict, type TransactItem } from '#shared/data/audit.ts';
import { deleteObject, putObject, readStart } from '#shared/data/object-store.ts';
import { getPhotoState, photoSettleWrite, type PhotoOutcome } from '#shared/data/photo-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { checkPhoto, type PhotoVerdict } from '#shared/domain/photos/check.ts';
import type { PhotoState } from '#shared/domain/photos/photo.ts';
import { photoKey, thumbnailKey } from '#shared/domain/photos/keys.ts';
import { MAX_PHOTO_UPLOAD_BYTES, photoSpecFrom } from '#shared/domain/photos/spec.ts';
import { thumbnail } from '#shared/domain/photos/thumbnail.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';

const SYSTEM = { userId: 'system', displayName: '系统', role: 'system' };
const JPEG = 'image/jpeg';

/** `alongside`: writes that commit with the settlement (a batch's file result), after it. */
async function settle(studentId: string, uploadId: string, outcome: PhotoOutcome, alongside: TransactItem[]): Promise<boolean> {
  const accepted = outcome.status === 'accepted';
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [photoSettleWrite(studentId, uploadId, outcome, new Date().toISOString()), ...alongside], {
      entity: { type: 'STUDENT', id: studentId },
      actor: SYSTEM,
      action: accepted ? 'photo.accept' : 'photo.reject',
      changes: [
        accepted
          ? { field: 'photo', old: outcome.retiredPhotoId ?? null, new: { photoId: outcome.photo.photoId, width: outcome.photo.width, height: outcome.photo.height, size: outcome.photo.size } }
          : { field: 'photo.upload', old: 'pending', new: 'rejected' },
      ],
      ...(accepted ? {} : { reason: outcome.reasons.join('；') }),
    });
    return true;
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

async function removePhoto(bucket: string, studentId: string, photoId: string): Promise<void> {
  await Promise.all([deleteObject(bucket, photoKey(studentId, photoId)), deleteObject(bucket, thumbnailKey(studentId, photoId))]);
}

/**
 * Settles a pending upload (`state`, the latest and pending) by the check's verdict on its bytes:
 * accepted, the photo and its thumbnail are written under photos/ and it becomes the student's
 * photo (the one it replaces is removed); rejected, it keeps its reasons. The same for a single
 * upload and a batch's file. Answers the outcome, or undefined when the upload was settled or
 * superseded meanwhile (then nothing of it is left behind).
 */
export async function settleChecked(
  bucket: string,
  state: PhotoState,
  landed: { bytes: Uint8Array; size: number },
  verdict: PhotoVerdict,
  alongside: (outcome: PhotoOutcome) => TransactItem[] = () => [],
): Promise<PhotoOutcome | undefined> {
  const { studentId, uploadId } = state;
  if (verdict.ok) {
    const { photo } = verdict;
    const small = thumbnail(photo);
    await Promise.all([
      putObject(bucket, photoKey(studentId, uploadId), landed.bytes, { contentType: JPEG, contentDisposition: 'inline' }),
      putObject(bucket, thumbnailKey(studentId, uploadId), small.bytes, { contentType: JPEG, contentDisposition: 'inline' }),
    ]);
    const retired = state.current?.photoId;
    const outcome: PhotoOutcome = { status: 'accepted', photo: { photoId: uploadId, width: photo.width, height: photo.height, size: landed.size, acceptedAt: new Date().toISOString() }, ...(retired ? { retiredPhotoId: retired } : {}) };
    if (await settle(studentId, uploadId, outcome, alongside(outcome))) {
      if (retired) await removePhoto(bucket, studentId, retired);
      return outcome;
    }
    if ((await getPhotoState(studentId))?.current?.photoId !== uploadId) {
      // A newer upload took its place meanwhile: what was just written belongs to nobody.
      await removePhoto(bucket, studentId, uploadId);
    }
    return undefined;
  }
  const { reasons, width, height } = verdict;
  const outcome: PhotoOutcome = { status: 'rejected', reasons, size: landed.size, ...(width !== undefined && height !== undefined ? { width, height } : {}) };
  return (await settle(studentId, uploadId, outcome, alongside(outcome))) ? outcome : undefined;
}

export async function checkLandedPhoto(ids: { studentId: string; uploadId: string }, bucket: string, key: string, versionId?: string): Promise<void> {
  const { studentId, uploadId } = ids;
  const state = await getPhotoState(studentId);
  if (state?.uploadId !== uploadId || state.status !== 'pending') {
    // Settled already (this event again), superseded by a newer upload, or never handed out: the
    // upload goes. A retry of an accepted upload finishes removing the photo it replaced.
    if (state?.uploadId === uploadId && state.status === 'accepted' && state.retiredPhotoId) await removePhoto(bucket, studentId, state.retiredPhotoId);
    await deleteObject(bucket, key, versionId);
    return;
  }
  // One byte more than the form allows tells a file that is too big without reading it.
  const landed = await readStart(bucket, key, MAX_PHOTO_UPLOAD_BYTES + 1, versionId);
  if (!landed) return;
  const verdict: PhotoVerdict = landed.size > MAX_PHOTO_UPLOAD_BYTES ? { ok: false, reasons: [`文件过大 (${landed.size} 字节)，超过上传上限`] } : checkPhoto(landed.head, photoSpecFrom(process.env.PHOTO_SPEC));
  await settleChecked(bucket, state, { bytes: landed.head, size: landed.size }, verdict);
  await deleteObject(bucket, key, versionId);
}
