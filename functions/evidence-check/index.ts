// S3 object-created events under incoming/evidence/: checks each landed evidence file (its real
// type and size), accepts it into evidence/ or rejects it with the reason, and removes the upload
// (shared/services/changes/evidence-check.ts). A failure throws, so Lambda retries the event.
import type { S3Event } from 'aws-lambda';
import { bucketName } from '#shared/data/resource-names.ts';
import { logger } from '#shared/http/logger.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { checkLanded } from '#shared/services/changes/evidence-check.ts';

export const handler = async (event: S3Event): Promise<void> => {
  const bucket = bucketName(FILES_BUCKET);
  for (const record of event.Records) {
    if (!record.eventName.startsWith('ObjectCreated:') || record.s3.bucket.name !== bucket) {
      logger.warn('event of another kind or bucket ignored', { eventName: record.eventName });
      continue;
    }
    // S3 URL-encodes keys in events, with '+' for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    await checkLanded(bucket, key, record.s3.object.versionId);
  }
};
