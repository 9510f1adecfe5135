// S3 object-created events under incoming/photos/: checks each landed photo (a real JPEG from its
// bytes, size, dimensions, ratio), makes it the student's photo with a thumbnail or rejects it with
// its reasons, and removes the upload (shared/services/photos/check-landed.ts). Its own function:
// the JPEG decoder and encoder are in no other bundle. A failure throws, so Lambda retries the event.
import type { S3Event } from 'aws-lambda';
import { bucketName } from '#shared/data/resource-names.ts';
import { parseIncomingPhotoKey } from '#shared/domain/photos/keys.ts';
import { logger } from '#shared/http/logger.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { checkLandedPhoto } from '#shared/services/photos/check-landed.ts';

export const handler = async (event: S3Event): Promise<void> => {
  const bucket = bucketName(FILES_BUCKET);
  for (const record of event.Records) {
    if (!record.eventName.startsWith('ObjectCreated:') || record.s3.bucket.name !== bucket) {
      logger.warn('event of another kind or bucket ignored', { eventName: record.eventName });
      continue;
    }
    // S3 URL-encodes keys in events, with '+' for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const ids = parseIncomingPhotoKey(key);
    if (!ids) {
      // No upload form names such a key; the incoming/ lifecycle removes it.
      logger.warn('object under the photo prefix with an unknown key left alone');
      continue;
    }
    await checkLandedPhoto(ids, bucket, key, record.s3.object.versionId);
  }
};
