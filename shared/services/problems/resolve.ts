// Settling a problem record (问题学籍) by its school's registrar or its county: the resolution is
// checked against the records as they are now (shared/domain/problems/resolve.ts), then the
// problem, its queue entries, the counts and the audit entry commit together, under the version
// read (someone settling it at the same moment makes the second answer 409).
import { ApiError, badRequest, conflict } from '#shared/http/api-error.ts';
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { ownerEvidence } from '#shared/data/evidence-repo.ts';
import { basisDigest, problemMoveWrites, problemOwner } from '#shared/data/problem-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { getStudent } from '#shared/data/student-repo.ts';
import { effectiveStatus } from '#shared/domain/changes/evidence.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { basisOf } from '#shared/domain/problems/detect.ts';
import type { ProblemEvidence } from '#shared/domain/problems/evidence.ts';
import type { Resolution } from '#shared/domain/problems/kinds.ts';
import type { Problem } from '#shared/domain/problems/problem.ts';
import { refuseResolution } from '#shared/domain/problems/resolve.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { loadProblemFor } from './access.ts';

/** The files of the problem that passed their check. */
async function acceptedEvidence(problemId: string): Promise<string[]> {
  const { items } = await ownerEvidence<ProblemEvidence>(problemOwner(problemId));
  const now = new Date();
  return items.filter((item) => effectiveStatus(item, now).status === 'accepted').map((item) => item.evidenceId);
}

export async function resolveProblem(principal: Principal, problemId: string, request: { resolution: Resolution; comment?: string | undefined }): Promise<Problem> {
  const problem = await loadProblemFor(principal, problemId, 'problem.resolve');
  const records = await Promise.all(problem.studentIds.map(getStudent));
  const evidenceIds = request.resolution === 'evidence' ? await acceptedEvidence(problemId) : [];
  const refusal = refuseResolution(problem, request.resolution, { records: records.map((record) => record && { ...record, deleted: Boolean(record.deleted) }), acceptedEvidence: evidenceIds.length });
  if (refusal) throw new ApiError(refusal.status, refusal.code, refusal.message);
  if (request.resolution === 'notDuplicate' && !request.comment) {
    throw badRequest('VALIDATION_FAILED', '请说明为什么不是同一人', [{ path: 'comment', code: 'required', message: '请说明为什么不是同一人 (如核对了户口簿、出生证明)' }]);
  }
  const at = new Date().toISOString();
  const present = records.filter((record): record is NonNullable<typeof record> => record !== undefined);
  const after: Problem = {
    ...problem,
    status: 'resolved',
    since: at,
    version: problem.version + 1,
    resolution: {
      resolution: request.resolution,
      ...(request.comment ? { comment: request.comment } : {}),
      by: { ...actorOf(principal), orgId: principal.orgId },
      at,
      ...(evidenceIds.length > 0 ? { evidenceIds } : {}),
      basis: present.length === records.length ? basisDigest(basisOf(problem.kind, present)) : problem.basis,
    },
  };
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), problemMoveWrites(problem, after), {
      entity: { type: 'PROBLEM', id: problemId },
      actor: actorOf(principal),
      action: 'problem.resolve',
      changes: [
        { field: 'status', old: 'open', new: 'resolved' },
        { field: 'resolution', old: null, new: request.resolution },
      ],
      ...(request.comment ? { reason: request.comment } : {}),
    });
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') throw conflict('PROBLEM_RESOLVED', '该问题刚刚已被处理，请刷新后查看');
    throw error;
  }
  return after;
}
