// The module-scope S3 client (endpoint from AWS_ENDPOINT_URL_S3 locally).
import { S3Client } from '@aws-sdk/client-s3';

export const s3 = new S3Client({
  forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
  // Without these, presigned PUTs carry an empty-body CRC32 that real S3 then rejects.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
