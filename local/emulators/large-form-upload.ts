// A browser's form upload (POST) too large for the S3 emulator's request limit (fauxqs takes at
// most 11 MiB a request, enough for a part, not for a 60 MB intake spreadsheet): once the front
// has checked the form's policy, it stores the file as S3 would, through a multipart upload of
// parts the emulator takes.
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';

/** Forms and PUTs up to this size are forwarded as they are. */
export const FORWARD_LIMIT = 10 * 1024 * 1024;
const PART_BYTES = 8 * 1024 * 1024;

export async function storeLargeForm(client: S3Client, bucket: string, body: Buffer, contentType: string): Promise<void> {
  const form = await new Request('http://s3.local/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  const key = form.get('key');
  const file = form.get('file');
  if (typeof key !== 'string' || file === null || typeof file === 'string') throw new Error('POST requires a key and exactly one file upload');
  const type = form.get('Content-Type') ?? form.get('content-type');
  const bytes = Buffer.from(await file.arrayBuffer());
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...(typeof type === 'string' ? { ContentType: type } : {}) }));
  await uploadParts(client, bucket, key, UploadId!, bytes);
}

/** A presigned PUT too large for the emulator (an import's report): the same object, in parts, with its stored headers. */
export async function storeLargePut(client: S3Client, bucket: string, key: string, body: Buffer, headers: { contentType?: string; contentDisposition?: string }): Promise<void> {
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...(headers.contentType ? { ContentType: headers.contentType } : {}), ...(headers.contentDisposition ? { ContentDisposition: headers.contentDisposition } : {}) }),
  );
  await uploadParts(client, bucket, key, UploadId!, body);
}

async function uploadParts(client: S3Client, bucket: string, key: string, uploadId: string, bytes: Buffer): Promise<void> {
  const parts: { ETag: string; PartNumber: number }[] = [];
  for (let start = 0, number = 1; start < bytes.length; start += PART_BYTES, number += 1) {
    const { ETag } = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: number, Body: bytes.subarray(start, start + PART_BYTES) }));
    parts.push({ ETag: ETag!, PartNumber: number });
  }
  await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
}

export const emulatorClient = (target: string, credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new S3Client({ endpoint: target, forcePathStyle: true, region: 'us-east-1', credentials });
