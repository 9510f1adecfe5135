// S3 object-created events under incoming/evidence/: checks each landed evidence file of a
// status-change case or a problem record (its real type and size), accepts it or rejects it with
// the reason, and removes the upload (shared/services/evidence/check-landed.ts). A failure throws,
// so Lambda retries the event.
import type { S3Event } from 'aws-lambda';
import { bucketName } from '#shared/data/resource-names.ts';
import { logger } from '#shared/http/logger.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { caseEvidenceAt } from '#shared/services/changes/evidence-check.ts';
import { checkLanded } from '#shared/services/evidence/check-landed.ts';
import { problemEvidenceAt } from '#shared/services/problems/evidence-check.ts';

export const handler = async (event: S3Event): Promise<void> => {
  const bucket = bucketName(FILES_BUCKET);
  for (const record of event.Records) {
    if (!record.eventName.startsWith('ObjectCreated:') || record.s3.bucket.name !== bucket) {
      logger.warn('event of another kind or bucket ignored', { eventName: record.eventName });
      continue;
    }
    // S3 URL-encodes keys in events, with '+' for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const file = caseEvidenceAt(key) ?? problemEvidenceAt(key);
    if (!file) {
      // No upload form names such a key; the incoming/ lifecycle removes it.
      logger.warn('object under the evidence prefix with an unknown key left alone');
      continue;
    }
    await checkLanded(file, bucket, key, record.s3.object.versionId);
  }
};
