// A new import: its item (with who made it) and the form that uploads the file straight to the
// bucket, fixed to the import's key, the format's type and the declared size.
import { commitWithAudit } from '#shared/data/audit.ts';
import { importCreateWrites } from '#shared/data/import-repo.ts';
import { presignPost, type PresignedPost } from '#shared/data/object-store.ts';
import { bucketName, tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { cleanFileName, IMPORT_CONTENT_TYPE, sourceKey, UPLOAD_WINDOW_SECONDS, type Import, type ImportFormat } from '#shared/domain/imports/import.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest } from '#shared/http/api-error.ts';
import { FILES_BUCKET, RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { importingSchool } from './access.ts';

export async function createImport(principal: Principal, request: { schoolId: string; fileName: string; format: ImportFormat; size: number }): Promise<Import & { upload: PresignedPost }> {
  const school = await importingSchool(principal, request.schoolId);
  const fileName = cleanFileName(request.fileName);
  if (!fileName) throw badRequest('VALIDATION_FAILED', '文件名无效', [{ path: 'fileName', code: 'invalid', message: '文件名须包含文字或数字' }]);
  const record: Import = {
    importId: newSortableId(),
    schoolId: school.orgId,
    orgPath: school.orgPath,
    fileName,
    format: request.format,
    size: request.size,
    createdBy: { userId: principal.userId, displayName: principal.displayName, orgPath: principal.orgPath },
    createdAt: new Date().toISOString(),
  };
  const upload = await presignPost(bucketName(FILES_BUCKET), sourceKey(record.importId), { contentType: IMPORT_CONTENT_TYPE[record.format], size: record.size, expiresIn: UPLOAD_WINDOW_SECONDS });
  await commitWithAudit(tableName(RECORDS_TABLE), importCreateWrites(record), {
    entity: { type: 'IMPORT', id: record.importId },
    actor: actorOf(principal),
    action: 'import.create',
    changes: [{ field: 'file', old: null, new: { fileName, format: record.format, size: record.size } }],
  });
  return { ...record, upload };
}
