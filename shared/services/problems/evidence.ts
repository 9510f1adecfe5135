// Evidence (佐证材料) of a problem record, the API's side: an upload slot with a presigned POST
// straight to the bucket, and the problem's files with short-lived download links, as for a
// status-change case (shared/services/changes/evidence.ts); the file is checked when it lands
// (shared/services/evidence/check-landed.ts). Those who may settle the problem add files while it
// is open; those who may see it read them.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { evidenceAddWrites, ownerEvidence } from '#shared/data/evidence-repo.ts';
import { presignPost, type PresignedPost } from '#shared/data/object-store.ts';
import { problemOpen, problemOwner } from '#shared/data/problem-repo.ts';
import { bucketName, tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { MAX_EVIDENCE_FILES, MAX_EVIDENCE_UPLOADS, roomFor, sanitizeFileName, UPLOAD_WINDOW_SECONDS } from '#shared/domain/changes/evidence.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { problemAcceptedKey, problemIncomingKey, type ProblemEvidence } from '#shared/domain/problems/evidence.ts';
import { badRequest, conflict } from '#shared/http/api-error.ts';
import { FILES_BUCKET, RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { NewEvidence } from '../changes/evidence.ts';
import { evidenceView, type EvidenceView } from '../evidence/view.ts';
import { actorOf } from '../students/access.ts';
import { loadProblemFor } from './access.ts';

const settled = () => conflict('PROBLEM_RESOLVED', '该问题已处理，不能再上传佐证材料');

/**
 * A pending file and the form that uploads it (valid 10 minutes), written with an audit entry on
 * the problem, under the problem still open and its slot counter as read: a lost race (another
 * upload took the slot) counts again, a bounded number of times.
 */
export async function addProblemEvidence(principal: Principal, problemId: string, request: NewEvidence): Promise<{ evidenceId: string; upload: PresignedPost }> {
  const problem = await loadProblemFor(principal, problemId, 'problem.resolve');
  const fileName = sanitizeFileName(request.fileName, request.contentType);
  if (!fileName) throw badRequest('VALIDATION_FAILED', '文件名无效', [{ path: 'fileName', code: 'invalid', message: '文件名须包含文字或数字' }]);
  if (problem.status !== 'open') throw settled();
  const owner = problemOwner(problemId);
  for (let attempt = 0; attempt <= MAX_EVIDENCE_UPLOADS; attempt += 1) {
    const { items, slots } = await ownerEvidence<ProblemEvidence>(owner);
    const now = new Date();
    const full = roomFor(items, now);
    if (full === 'TOO_MANY_FILES') throw conflict('EVIDENCE_LIMIT', `每个问题最多 ${MAX_EVIDENCE_FILES} 份佐证材料`);
    if (full === 'TOO_MANY_UPLOADS') throw conflict('EVIDENCE_LIMIT', `每个问题最多上传 ${MAX_EVIDENCE_UPLOADS} 次佐证材料`);
    const evidenceId = newSortableId();
    const evidence: ProblemEvidence = {
      problemId,
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
    const upload = await presignPost(bucketName(FILES_BUCKET), problemIncomingKey(problemId, evidenceId), { contentType: request.contentType, size: request.size, expiresIn: UPLOAD_WINDOW_SECONDS });
    try {
      await commitWithAudit(tableName(RECORDS_TABLE), evidenceAddWrites(owner, problemOpen(problemId), slots, evidence), {
        entity: { type: 'PROBLEM', id: problemId },
        actor: actorOf(principal),
        action: 'problem.evidence.add',
        changes: [{ field: `evidence.${evidenceId}`, old: null, new: { fileName, contentType: request.contentType, size: request.size } }],
      });
      return { evidenceId, upload };
    } catch (error) {
      if (!(error instanceof TransactionConflict)) throw error;
      // 0: the problem was settled meanwhile. Otherwise another upload took the slot, or raced this one: count again.
      if (error.reasons[0] === 'ConditionalCheckFailed') throw settled();
    }
  }
  throw new Error(`evidence of problem ${problemId}: no slot after ${MAX_EVIDENCE_UPLOADS + 1} attempts`);
}

/** A problem's files, oldest first; an accepted one with a download link valid 5 minutes. */
export async function listProblemEvidence(principal: Principal, problemId: string): Promise<{ items: EvidenceView[] }> {
  await loadProblemFor(principal, problemId, 'problem.read');
  const { items } = await ownerEvidence<ProblemEvidence>(problemOwner(problemId));
  const now = new Date();
  return { items: await Promise.all(items.map((item) => evidenceView(item, problemAcceptedKey(problemId, item.evidenceId), now))) };
}
