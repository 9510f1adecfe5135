// Which problem record a landed evidence upload belongs to (incoming/evidence/problems/<problemId>/
// <evidenceId>), for the check every evidence file goes through (shared/services/evidence/
// check-landed.ts): its item lives next to the problem, and once accepted the file is kept under
// problem-evidence/.
import { parseProblemIncomingKey, problemAcceptedKey } from '#shared/domain/problems/evidence.ts';
import { problemOwner } from '#shared/data/problem-repo.ts';
import type { LandedEvidence } from '../evidence/check-landed.ts';

/** The problem's file an upload key names, or undefined for a key of another owner. */
export function problemEvidenceAt(key: string): LandedEvidence | undefined {
  const ids = parseProblemIncomingKey(key);
  if (!ids) return undefined;
  return { owner: problemOwner(ids.problemId), entity: { type: 'PROBLEM', id: ids.problemId }, evidenceId: ids.evidenceId, acceptedKey: problemAcceptedKey(ids.problemId, ids.evidenceId) };
}
