// A new photo batch: its item (the organisation, who made it) with the audit entry, and the form
// that uploads the zip straight to the bucket (the policy fixes the key, the type and the size).
import { commitWithAudit } from '#shared/data/audit.ts';
import { getOrg } from '#shared/data/directory-repo.ts';
import { presignPost, type PresignedPost } from '#shared/data/object-store.ts';
import { batchCreateWrite } from '#shared/data/photo-batch-repo.ts';
import { bucketName, tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { BATCH_CONTENT_TYPE, BATCH_UPLOAD_SECONDS, batchZipKey, type PhotoBatch } from '#shared/domain/photos/batch.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { FILES_BUCKET, RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { batchOrg } from './batch-access.ts';

export const batchUploadForm = (batch: Pick<PhotoBatch, 'batchId' | 'size'>): Promise<PresignedPost> =>
  presignPost(bucketName(FILES_BUCKET), batchZipKey(batch.batchId), { contentType: BATCH_CONTENT_TYPE, size: batch.size, expiresIn: BATCH_UPLOAD_SECONDS });

export async function createBatch(principal: Principal, request: { orgId: string; size: number }): Promise<PhotoBatch & { upload: PresignedPost }> {
  const org = await batchOrg(principal, request.orgId);
  const batch: PhotoBatch = {
    batchId: newSortableId(),
    orgId: org.orgId,
    orgKind: org.kind,
    // A class's own name ((1)班) says little without its grade's.
    orgName: org.kind === 'class' && org.parentId ? `${(await getOrg(org.parentId))?.name ?? ''}${org.name}` : org.name,
    orgPath: org.orgPath,
    // A grade's and a class's ids begin with their school's (shared/domain/org-codes.ts).
    schoolId: org.kind === 'school' ? org.orgId : org.orgId.slice(0, org.orgId.indexOf('-')),
    size: request.size,
    createdBy: { userId: principal.userId, displayName: principal.displayName, orgPath: principal.orgPath },
    createdAt: new Date().toISOString(),
  };
  const upload = await batchUploadForm(batch);
  await commitWithAudit(tableName(RECORDS_TABLE), [batchCreateWrite(batch)], {
    entity: { type: 'PHOTOBATCH', id: batch.batchId },
    actor: actorOf(principal),
    action: 'photoBatch.create',
    changes: [{ field: 'zip', old: null, new: { orgId: batch.orgId, size: batch.size } }],
  });
  return { ...batch, upload };
}
