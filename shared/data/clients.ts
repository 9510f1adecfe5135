// Module-scope AWS SDK clients, created once per container and reused across invocations.
// Endpoints come from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, so the local runtime
// points them at the emulators without any code path of its own.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

export const s3 = new S3Client({
  forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
  // Without these, presigned PUTs carry an empty-body CRC32 that real S3 then rejects.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

export const sqs = new SQSClient({});
