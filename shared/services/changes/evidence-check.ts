// Which case a landed evidence upload belongs to (incoming/evidence/<changeId>/<evidenceId>), for
// the check every evidence file goes through (shared/services/evidence/check-landed.ts): its item
// lives next to the case, and once accepted the file is kept under evidence/.
import { caseOwner } from '#shared/data/evidence-repo.ts';
import { acceptedKey, parseIncomingKey } from '#shared/domain/changes/evidence.ts';
import type { LandedEvidence } from '../evidence/check-landed.ts';

/** The case's file an upload key names, or undefined for a key of another owner. */
export function caseEvidenceAt(key: string): LandedEvidence | undefined {
  const ids = parseIncomingKey(key);
  if (!ids) return undefined;
  return { owner: caseOwner(ids.changeId), entity: { type: 'CHANGE', id: ids.changeId }, evidenceId: ids.evidenceId, acceptedKey: acceptedKey(ids.changeId, ids.evidenceId) };
}
