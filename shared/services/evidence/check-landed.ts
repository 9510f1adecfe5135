// The check of an evidence file once it has landed under incoming/ (an S3 object-created event),
// whoever it backs (a status-change case, a problem record): its real type from its first bytes
// and its size against what was declared. A good file is copied to where accepted files live
// (which never expires, and which no browser can write: an upload form only ever names its
// incoming/ key) and its item accepted; a bad one is rejected with the reason, and the upload is
// deleted either way. Each step is safe to repeat (Lambda retries a failed event twice, and S3 may
// deliver one twice): the item is settled only while pending, in one transaction with its owner's
// audit entry, and before the upload goes, so a retry always knows what was decided.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { evidenceSettle, getEvidence, type EvidenceFile } from '#shared/data/evidence-repo.ts';
import { copyObject, deleteObject, readStart } from '#shared/data/object-store.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { inspectLanded, MAGIC_BYTES } from '#shared/domain/changes/evidence.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';

type Outcome = { status: 'accepted' } | { status: 'rejected'; reason: string };

/** A landed upload and whose it is: the owner's partition and audit entity, the file, where it goes once accepted. */
export interface LandedEvidence {
  owner: string;
  entity: { type: 'CHANGE' | 'PROBLEM'; id: string };
  evidenceId: string;
  acceptedKey: string;
}

const SYSTEM = { userId: 'system', displayName: '系统', role: 'system' };

/** Settles a pending file with its owner's audit entry (`change.evidence.accept`, `problem.evidence.reject`); false when it was settled already. */
async function settle(file: LandedEvidence, outcome: Outcome): Promise<boolean> {
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [evidenceSettle(file.owner, file.evidenceId, outcome, new Date().toISOString())], {
      entity: file.entity,
      actor: SYSTEM,
      action: `${file.entity.type.toLowerCase()}.evidence.${outcome.status === 'accepted' ? 'accept' : 'reject'}`,
      changes: [{ field: `evidence.${file.evidenceId}.status`, old: 'pending', new: outcome.status }],
      ...(outcome.status === 'rejected' ? { reason: outcome.reason } : {}),
    });
    return true;
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

export async function checkLanded(file: LandedEvidence, bucket: string, key: string, versionId?: string): Promise<void> {
  const item = await getEvidence<EvidenceFile>(file.owner, file.evidenceId);
  if (item?.status !== 'pending') {
    // Settled already (this event again, or the same form sent twice), or never handed out: the
    // upload goes; an accepted file lives elsewhere and is not touched.
    await deleteObject(bucket, key, versionId);
    return;
  }
  const landed = await readStart(bucket, key, MAGIC_BYTES, versionId);
  if (!landed) return;
  const verdict = inspectLanded(item, landed);
  if (verdict.ok) {
    // Exactly the bytes that were checked: the version, or (where there are no versions) the ETag.
    await copyObject(bucket, { key, ...(versionId ? { versionId } : {}), ...(landed.etag ? { ifMatch: landed.etag } : {}) }, { key: file.acceptedKey, contentType: item.contentType });
    if (!(await settle(file, { status: 'accepted' }))) {
      // Another upload with the same form was settled meanwhile; a rejected item keeps no copy.
      if ((await getEvidence<EvidenceFile>(file.owner, file.evidenceId))?.status === 'rejected') await deleteObject(bucket, file.acceptedKey);
    }
  } else {
    await settle(file, { status: 'rejected', reason: verdict.reason });
  }
  await deleteObject(bucket, key, versionId);
}
