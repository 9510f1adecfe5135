// A student's photo, the API's side of an upload: the school's registrar gets a presigned POST
// straight to the bucket (the policy fixes the key, JPEG and the exact size); the photo is checked
// when it lands (check-landed.ts). A new upload supersedes one still pending.
import { commitWithAudit } from '#shared/data/audit.ts';
import { presignPost, type PresignedPost } from '#shared/data/object-store.ts';
import { photoUploadWrite } from '#shared/data/photo-repo.ts';
import { bucketName, tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { incomingPhotoKey } from '#shared/domain/photos/keys.ts';
import { PHOTO_UPLOAD_SECONDS } from '#shared/domain/photos/photo.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { conflict } from '#shared/http/api-error.ts';
import { FILES_BUCKET, RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf, loadStudentFor } from '../students/access.ts';

export async function requestPhotoUpload(principal: Principal, studentId: string, request: { contentType: 'image/jpeg'; size: number }): Promise<{ upload: PresignedPost }> {
  const record = await loadStudentFor(principal, studentId, 'photo.upload');
  if (record.deleted) throw conflict('RECORD_DELETED', '学籍已删除，不能再采集照片');
  const uploadId = newSortableId();
  const now = new Date();
  // Signed first, handed out only once the upload is recorded.
  const upload = await presignPost(bucketName(FILES_BUCKET), incomingPhotoKey(studentId, uploadId), { contentType: request.contentType, size: request.size, expiresIn: PHOTO_UPLOAD_SECONDS });
  await commitWithAudit(
    tableName(RECORDS_TABLE),
    [
      photoUploadWrite({
        studentId,
        uploadId,
        size: request.size,
        uploadedBy: { userId: principal.userId, displayName: principal.displayName, orgId: principal.orgId },
        uploadedAt: now.toISOString(),
        uploadBy: new Date(now.getTime() + PHOTO_UPLOAD_SECONDS * 1000).toISOString(),
      }),
    ],
    { entity: { type: 'STUDENT', id: studentId }, actor: actorOf(principal), action: 'photo.upload', changes: [{ field: 'photo.upload', old: null, new: { uploadId, size: request.size } }] },
  );
  return { upload };
}
