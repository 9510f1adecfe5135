// Who works with photo batches: the registrar of the school (policy `photo.upload`, as for a single
// photo), for a class, grade or school of its own. A batch holds a school's photos and names, so
// nobody else reads it: to anyone else it does not exist.
import { getBatch } from '#shared/data/photo-batch-repo.ts';
import type { Org } from '#shared/domain/org.ts';
import type { PhotoBatch } from '#shared/domain/photos/batch.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, forbidden, notFound } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';

export async function batchOrg(principal: Principal, orgId: string): Promise<Org & { kind: PhotoBatch['orgKind'] }> {
  const org = await readableOrg(principal, orgId);
  if (org.kind !== 'school' && org.kind !== 'grade' && org.kind !== 'class') {
    throw badRequest('VALIDATION_FAILED', `${org.name}不是学校、年级或班级`, [{ path: 'orgId', code: 'wrong_kind', message: '应为学校、年级或班级' }]);
  }
  const decision = decide(principal, 'photo.upload', { orgPath: org.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '只有本校的学籍管理员可以批量采集照片');
  return { ...org, kind: org.kind };
}

export async function loadBatchFor(principal: Principal, batchId: string): Promise<PhotoBatch> {
  const batch = await getBatch(batchId);
  if (!batch || !decide(principal, 'photo.upload', { orgPath: batch.orgPath }).allowed) throw notFound('照片批次不存在');
  return batch;
}
