// Evidence (佐证材料) of a case, the API's side: hand out an upload slot with a presigned POST
// straight to the bucket, and list the files with short-lived download links. The file itself is
// checked when it lands (evidence-check.ts). Only the case's parties see either (loadCaseFor).
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { caseEvidence, evidenceAdd } from '#shared/data/evidence-repo.ts';
import { presignPost, type PresignedPost } from '#shared/data/object-store.ts';
import { bucketName, tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import {
  acceptedKey,
  incomingKey,
  MAX_EVIDENCE_FILES,
  MAX_EVIDENCE_UPLOADS,
  mayAddEvidence,
  roomFor,
  sanitizeFileName,
  UPLOAD_WINDOW_SECONDS,
  type Evidence,
  type EvidenceRefusal,
  type EvidenceType,
} from '#shared/domain/changes/evidence.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, conflict, forbidden, type ApiError } from '#shared/http/api-error.ts';
import { FILES_BUCKET, RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { evidenceView, type EvidenceView } from '../evidence/view.ts';
import { actorOf } from '../students/access.ts';
import { loadCaseFor } from './access.ts';

const REFUSAL: Record<EvidenceRefusal, () => ApiError> = {
  CASE_CLOSED: () => conflict('CASE_CLOSED', '该申请已办结，不能再上传佐证材料'),
  NOT_ALLOWED: () => forbidden('EVIDENCE_NOT_ALLOWED', '只有提交申请的单位和当前办理单位可以上传佐证材料'),
  TOO_MANY_FILES: () => conflict('EVIDENCE_LIMIT', `每个申请最多 ${MAX_EVIDENCE_FILES} 份佐证材料`),
  TOO_MANY_UPLOADS: () => conflict('EVIDENCE_LIMIT', `每个申请最多上传 ${MAX_EVIDENCE_UPLOADS} 次佐证材料`),
};

export interface NewEvidence {
  fileName: string;
  contentType: EvidenceType;
  size: number;
}

/**
 * A pending file and the form that uploads it (valid 10 minutes). Written with an audit entry on
 * the case, under the case still pending and the case's slot counter as read: a lost race (another
 * upload took the slot) counts again, a bounded number of times.
 */
export async function addEvidence(principal: Principal, changeId: string, request: NewEvidence): Promise<{ evidenceId: string; upload: PresignedPost }> {
  let change = await loadCaseFor(principal, changeId);
  const fileName = sanitizeFileName(request.fileName, request.contentType);
  if (!fileName) throw badRequest('VALIDATION_FAILED', '文件名无效', [{ path: 'fileName', code: 'invalid', message: '文件名须包含文字或数字' }]);
  for (let attempt = 0; attempt <= MAX_EVIDENCE_UPLOADS; attempt += 1) {
    const right = mayAddEvidence(change, principal);
    if (!right.ok) throw REFUSAL[right.refusal]();
    const { items, slots } = await caseEvidence(changeId);
    const now = new Date();
    const full = roomFor(items, now);
    if (full) throw REFUSAL[full]();
    const evidenceId = newSortableId();
    const evidence: Evidence = {
      changeId,
      evidenceId,
      fileName,
      contentType: request.contentType,
      size: request.size,
      status: 'pending',
      addedBy: { userId: principal.userId, displayName: principal.displayName, orgId: principal.orgId },
      addedAt: now.toISOString(),
      uploadBy: new Date(now.getTime() + UPLOAD_WINDOW_SECONDS * 1000).toISOString(),
    };
    // Signed first, handed out only once the slot is written.
    const upload = await presignPost(bucketName(FILES_BUCKET), incomingKey(changeId, evidenceId), { contentType: request.contentType, size: request.size, expiresIn: UPLOAD_WINDOW_SECONDS });
    try {
      await commitWithAudit(tableName(RECORDS_TABLE), evidenceAdd(change, right.asStep, slots, evidence), {
        entity: { type: 'CHANGE', id: changeId },
        actor: actorOf(principal),
        action: 'change.evidence.add',
        changes: [{ field: `evidence.${evidenceId}`, old: null, new: { fileName, contentType: request.contentType, size: request.size } }],
      });
      return { evidenceId, upload };
    } catch (error) {
      if (!(error instanceof TransactionConflict)) throw error;
      // 0: the case moved on (closed, or its step passed): decide again on the case as it is now.
      // Otherwise another upload took the slot (1) or raced this one: count again.
      if (error.reasons[0] === 'ConditionalCheckFailed') change = await loadCaseFor(principal, changeId);
    }
  }
  throw new Error(`evidence of ${changeId}: no slot after ${MAX_EVIDENCE_UPLOADS + 1} attempts`);
}

/** A case's files, oldest first; an accepted one with a download link valid 5 minutes. */
export async function listEvidence(principal: Principal, changeId: string): Promise<{ items: EvidenceView[] }> {
  await loadCaseFor(principal, changeId);
  const { items } = await caseEvidence(changeId);
  const now = new Date();
  return { items: await Promise.all(items.map((item) => evidenceView(item, acceptedKey(changeId, item.evidenceId), now))) };
}
