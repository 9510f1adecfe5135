// One file of a batch, once. Screened before it is inflated (path, sizes), matched to a student by
// its name, inflated into memory up to the photo limit, and, a JPEG by its bytes, taken through
// a single upload's steps: the upload recorded as the registrar's (photo.upload, with the file
// claimed in the same transaction), then the same check and settlement (check-landed.ts), the
// file's result committed with it. Whatever step a retry finds the file at, it goes on from there.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { getFile, fileResultPut, fileSettleWrite, recordFile, settleFile, type StoredFile } from '#shared/data/photo-batch-repo.ts';
import { getPhotoState, photoUploadWrite } from '#shared/data/photo-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { batchUploadId, type FileResult, type PhotoBatch } from '#shared/domain/photos/batch.ts';
import { screenEntry } from '#shared/domain/photos/batch-entries.ts';
import { checkPhoto, isJpeg } from '#shared/domain/photos/check.ts';
import { PHOTO_UPLOAD_SECONDS } from '#shared/domain/photos/photo.ts';
import { MAX_PHOTO_UPLOAD_BYTES, photoSpecFrom } from '#shared/domain/photos/spec.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { matchFile, type Rosters } from './batch-match.ts';
import { readEntry, type ZipEntry } from './batch-zip.ts';
import { settleChecked } from './check-landed.ts';

export interface BatchContext {
  batch: PhotoBatch;
  /** The registrar who started the job: the uploads are its, under its rights as they were then. */
  creator: Principal;
  bucket: string;
  rosters: Rosters;
}

const SUPERSEDED = '处理期间该学生又上传了照片，本文件未采用';

/** The file's result, or undefined for an entry that is no photo at all (a folder, a zip tool's litter). */
export async function workEntry(context: BatchContext, entry: ZipEntry, index: number): Promise<FileResult | undefined> {
  const { batch } = context;
  const screening = screenEntry(entry);
  if (screening.verdict === 'skip') return undefined;
  const stored = await getFile(batch.batchId, index);
  if (stored && stored.status !== 'checking') return stored;
  if (stored) return settle(context, entry, stored);
  const base = { entry: index, file: entry.path };
  const refuse = async (reason: string, status: 'refused' | 'unmatched' = 'refused', studentId: string | null = null) => {
    await recordFile(batch.batchId, { ...base, studentId, status, reason });
    return (await getFile(batch.batchId, index)) as FileResult;
  };
  if (screening.verdict === 'refuse') return refuse(screening.reason);
  const match = await matchFile(batch, context.creator, entry.path, context.rosters);
  if ('status' in match) return refuse(match.reason, match.status, match.studentId);
  const read = await readEntry(entry, MAX_PHOTO_UPLOAD_BYTES);
  if ('problem' in read) return refuse(read.problem === 'tooBig' ? '解压后超过照片上传上限，疑似压缩炸弹，已停止解压' : '文件已损坏或加密，无法解压', 'refused', match.studentId);
  if (!isJpeg(read.bytes)) return refuse('文件内容不是 JPEG 图像 (以文件内容为准，与文件名无关)', 'refused', match.studentId);

  const claimed: StoredFile = { ...base, studentId: match.studentId, status: 'checking', reason: null };
  const now = new Date();
  const uploadId = batchUploadId(batch.batchId, index);
  try {
    await commitWithAudit(
      tableName(RECORDS_TABLE),
      [
        fileResultPut(batch.batchId, claimed),
        photoUploadWrite({
          studentId: match.studentId,
          uploadId,
          size: read.bytes.length,
          uploadedBy: { userId: context.creator.userId, displayName: context.creator.displayName, orgId: context.creator.orgId },
          uploadedAt: now.toISOString(),
          uploadBy: new Date(now.getTime() + PHOTO_UPLOAD_SECONDS * 1000).toISOString(),
        }),
      ],
      {
        entity: { type: 'STUDENT', id: match.studentId },
        actor: actorOf(context.creator),
        action: 'photo.upload',
        changes: [{ field: 'photo.upload', old: null, new: { uploadId, size: read.bytes.length } }],
        reason: `照片批量采集 (批次 ${batch.batchId})`,
      },
    );
  } catch (error) {
    // Claimed by another delivery of this chunk meanwhile: it goes on from there.
    if (!(error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed')) throw error;
    const current = (await getFile(batch.batchId, index))!;
    return current.status === 'checking' ? settle(context, entry, current) : current;
  }
  return settle(context, entry, claimed, read.bytes);
}

/** Checks a claimed file's photo and settles both, as the landing check settles a single upload. */
async function settle(context: BatchContext, entry: ZipEntry, claimed: StoredFile & { status: 'checking' }, known?: Buffer): Promise<FileResult> {
  const { batch } = context;
  const uploadId = batchUploadId(batch.batchId, claimed.entry);
  const state = await getPhotoState(claimed.studentId);
  const read = known ? { bytes: known } : await readEntry(entry, MAX_PHOTO_UPLOAD_BYTES);
  if (state?.uploadId === uploadId && state.status === 'pending' && 'bytes' in read) {
    const verdict = checkPhoto(read.bytes, photoSpecFrom(process.env.PHOTO_SPEC));
    const outcome = await settleChecked(context.bucket, state, { bytes: read.bytes, size: read.bytes.length }, verdict, (settled) => [
      fileSettleWrite(batch.batchId, claimed.entry, settled.status, settled.status === 'rejected' ? settled.reasons.join('；') : null),
    ]);
    if (outcome) return { ...claimed, status: outcome.status, reason: outcome.status === 'rejected' ? outcome.reasons.join('；') : null };
  }
  await settleFile(batch.batchId, claimed.entry, 'refused', SUPERSEDED);
  return (await getFile(batch.batchId, claimed.entry)) as FileResult;
}
