// The check of an evidence file once it has landed under incoming/ (an S3 object-created event):
// its real type from its first bytes and its size against what was declared. A good file is copied
// to evidence/ (which never expires, and which no browser can write: an upload form only ever
// names its incoming/ key) and its item accepted; a bad one is rejected with the reason, and the
// upload is deleted either way. Each step is safe to repeat (Lambda retries a failed event twice,
// and S3 may deliver one twice): the item is settled only while pending, in one transaction with
// the case's audit entry, and before the upload goes, so a retry always knows what was decided.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { evidenceSettle, getEvidence } from '#shared/data/evidence-repo.ts';
import { copyObject, deleteObject, readStart } from '#shared/data/object-store.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { acceptedKey, inspectLanded, MAGIC_BYTES, parseIncomingKey } from '#shared/domain/changes/evidence.ts';
import { logger } from '#shared/http/logger.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';

const SYSTEM = { userId: 'system', displayName: '系统', role: 'system' };

/** Settles a pending file with its audit entry; false when it was settled already. */
async function settle(changeId: string, evidenceId: string, outcome: { status: 'accepted' } | { status: 'rejected'; reason: string }): Promise<boolean> {
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [evidenceSettle(changeId, evidenceId, outcome, new Date().toISOString())], {
      entity: { type: 'CHANGE', id: changeId },
      actor: SYSTEM,
      action: `change.evidence.${outcome.status === 'accepted' ? 'accept' : 'reject'}`,
      changes: [{ field: `evidence.${evidenceId}.status`, old: 'pending', new: outcome.status }],
      ...(outcome.status === 'rejected' ? { reason: outcome.reason } : {}),
    });
    return true;
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

export async function checkLanded(bucket: string, key: string, versionId?: string): Promise<void> {
  const ids = parseIncomingKey(key);
  if (!ids) {
    // No upload form names such a key; the incoming/ lifecycle removes it.
    logger.warn('object under the evidence prefix with an unknown key left alone');
    return;
  }
  const { changeId, evidenceId } = ids;
  const item = await getEvidence(changeId, evidenceId);
  if (item?.status !== 'pending') {
    // Settled already (this event again, or the same form sent twice), or never handed out: the
    // upload goes; an accepted file lives under evidence/ and is not touched.
    await deleteObject(bucket, key, versionId);
    return;
  }
  const landed = await readStart(bucket, key, MAGIC_BYTES, versionId);
  if (!landed) return;
  const verdict = inspectLanded(item, landed);
  if (verdict.ok) {
    // Exactly the bytes that were checked: the version, or (where there are no versions) the ETag.
    await copyObject(bucket, { key, ...(versionId ? { versionId } : {}), ...(landed.etag ? { ifMatch: landed.etag } : {}) }, { key: acceptedKey(changeId, evidenceId), contentType: item.contentType });
    if (!(await settle(changeId, evidenceId, { status: 'accepted' }))) {
      // Another upload with the same form was settled meanwhile; a rejected item keeps no copy.
      if ((await getEvidence(changeId, evidenceId))?.status === 'rejected') await deleteObject(bucket, acceptedKey(changeId, evidenceId));
    }
  } else {
    await settle(changeId, evidenceId, { status: 'rejected', reason: verdict.reason });
  }
  await deleteObject(bucket, key, versionId);
}
