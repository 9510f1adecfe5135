// The file bucket, for the few object operations the handlers need: presigned uploads (POST with a
// policy) and downloads (GET) for browsers, and reading the first bytes of, copying and deleting
// one object. Without the SDK's S3 client: @aws-sdk/client-s3 carries every S3 operation's schema
// and the S3 endpoint rules, some 170 KB of a minified bundle (the Changes bundle would go from 347
// to 512 KB, far over the limit), and even its presigner brings 5 KB of multi-region signing. So
// these requests are presigned (SigV4 in the query string, payload unsigned) and sent with fetch,
// and the upload policy is signed, by the SDK's own signer: SignatureV4 from @smithy/signature-v4,
// which every bundle already carries through @aws-sdk/core, with the SHA-256 of @smithy/core, as
// the S3 presigner and createPresignedPost use it. test/unit/object-store.test.ts checks the results
// byte for byte against the SDK's createPresignedPost and getSignedUrl, and locally every presigned
// request is verified by the SDK's signer again (local/emulators/s3-front.ts).
//
// Where the bucket is: AWS_ENDPOINT_URL_S3 (the SDK's own variable) when set, path style when
// S3_FORCE_PATH_STYLE is true (the local runtime sets both: its S3 endpoint, reachable from a
// browser on the same machine); otherwise the bucket's regional virtual-hosted endpoint
// (`<bucket>.s3.<region>.amazonaws.com`, `.amazonaws.com.cn` in the China regions). Credentials are
// the function's, from the environment Lambda (and the local runtime) sets.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Hash } from '@smithy/core/serde';
import { createScope, getCanonicalQuery, SignatureV4 } from '@smithy/signature-v4';

/**
 * Set by the local runtime only (local/grant-guard.ts): refuses an operation the calling
 * function's manifest grants do not allow, as its IAM role would in the cloud.
 */
export const objectStoreGuard: { check?: (bucket: string, operation: string, write: boolean) => void } = {};

const guard = (bucket: string, operation: string, write: boolean) => objectStoreGuard.check?.(bucket, operation, write);

const credentials = fromEnv();

function region(): string {
  const value = process.env.AWS_REGION;
  if (!value) throw new Error('AWS_REGION is not set');
  return value;
}

/**
 * Configured as the S3 presigner configures it: the path is signed as sent (S3 keys are encoded
 * once, not twice as other services' paths), and no payload hash is added.
 */
const signer = new SignatureV4({
  service: 's3',
  region: () => Promise.resolve(region()),
  credentials,
  sha256: Hash.bind(null, 'sha256'),
  uriEscapePath: false,
  applyChecksum: false,
});

interface Endpoint {
  protocol: string;
  /** Host name, without the port. */
  hostname: string;
  /** Host and port, as in the Host header. */
  host: string;
  /** `/<bucket>` in path style, empty for a virtual-hosted bucket. */
  base: string;
}

function endpointOf(bucket: string): Endpoint {
  const custom = process.env.AWS_ENDPOINT_URL_S3;
  if (custom) {
    const url = new URL(custom);
    const pathStyle = process.env.S3_FORCE_PATH_STYLE === 'true';
    const prefix = pathStyle ? '' : `${bucket}.`;
    return { protocol: url.protocol, hostname: `${prefix}${url.hostname}`, host: `${prefix}${url.host}`, base: pathStyle ? `/${bucket}` : '' };
  }
  const name = region();
  const hostname = `${bucket}.s3.${name}.${name.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  return { protocol: 'https:', hostname, host: hostname, base: '' };
}

/** RFC 3986 percent-encoding, as S3 keys are encoded in a request's path. */
const escape = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const keyPath = (key: string) => key.split('/').map(escape).join('/');
const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A request to `key` signed in its query string (SigV4, payload unsigned, valid `expiresIn`
 * seconds), as the SDK's S3 presigner signs it; `headers` (lower case) are signed as headers and
 * must be sent with it. Exported for its test.
 */
export async function presignedUrl(method: string, bucket: string, key: string, options: { expiresIn: number; query?: Record<string, string>; headers?: Record<string, string> }): Promise<string> {
  const endpoint = endpointOf(bucket);
  const path = `${endpoint.base}/${keyPath(key)}`;
  const headers = Object.keys(options.headers ?? {});
  const signed = await signer.presign(
    {
      method,
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      path,
      query: { ...options.query },
      // The payload marker goes into the query string (X-Amz-Content-Sha256), as every x-amz-
      // header the signer is not told to keep.
      headers: { host: endpoint.host, ...options.headers, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    },
    // The given headers stay headers and are signed, whatever their name.
    { expiresIn: options.expiresIn, unhoistableHeaders: new Set(headers), signableHeaders: new Set(headers) },
  );
  // The query in its canonical order (as signed), the signature last.
  return `${endpoint.protocol}//${endpoint.host}${path}?${getCanonicalQuery(signed)}&X-Amz-Signature=${signed.query?.['X-Amz-Signature'] as string}`;
}

export interface PresignedPost {
  url: string;
  /** The form fields to send, in this order, before the file (last, as `file`). */
  fields: Record<string, string>;
}

/**
 * An upload a browser sends straight to the bucket (a multipart form POST), as the SDK's
 * createPresignedPost builds it: the policy fixes the bucket, the key, the content type and the
 * exact size, and expires after `expiresIn` seconds. S3 refuses anything else.
 */
export async function presignPost(bucket: string, key: string, options: { contentType: string; size: number; expiresIn: number }): Promise<PresignedPost> {
  guard(bucket, 'PutObject', true);
  const now = new Date();
  const date = iso8601(now).replace(/[-:]/g, '');
  const identity = await credentials();
  const fields: Record<string, string> = {
    'Content-Type': options.contentType,
    bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${identity.accessKeyId}/${createScope(date.slice(0, 8), region(), 's3')}`,
    'X-Amz-Date': date,
    ...(identity.sessionToken ? { 'X-Amz-Security-Token': identity.sessionToken } : {}),
  };
  const conditions = [['content-length-range', options.size, options.size], ...Object.entries(fields).map(([name, value]) => ({ [name]: value })), { key }];
  const policy = Buffer.from(JSON.stringify({ expiration: iso8601(new Date(now.getTime() + options.expiresIn * 1000)), conditions })).toString('base64');
  // The policy is the string to sign, with the key of that day, region and service (the signer
  // reads the same credentials from the environment).
  const signature = await signer.sign(policy, { signingDate: now });
  const endpoint = endpointOf(bucket);
  return { url: `${endpoint.protocol}//${endpoint.host}${endpoint.base || '/'}`, fields: { ...fields, key, Policy: policy, 'X-Amz-Signature': signature } };
}

/** A download link valid `expiresIn` seconds, answered with the given Content-Disposition and Content-Type. */
export async function presignGet(bucket: string, key: string, options: { expiresIn: number; contentDisposition: string; contentType: string }): Promise<string> {
  guard(bucket, 'GetObject', false);
  return presignedUrl('GET', bucket, key, { expiresIn: options.expiresIn, query: { 'response-content-disposition': options.contentDisposition, 'response-content-type': options.contentType } });
}

export class ObjectStoreError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(operation: string, status: number, body: string) {
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? 'Unknown';
    super(`S3 ${operation} failed: ${status} ${code}`);
    this.name = 'ObjectStoreError';
    this.status = status;
    this.code = code;
  }
}

/** Short-lived: these requests are sent at once. */
const REQUEST_SECONDS = 60;

export interface ObjectStart {
  /** The first bytes (fewer for a smaller object). */
  head: Uint8Array;
  size: number;
  etag: string;
}

/** The first `bytes` bytes and the size of an object (one version of it, when given); undefined when there is none. */
export async function readStart(bucket: string, key: string, bytes: number, versionId?: string): Promise<ObjectStart | undefined> {
  guard(bucket, 'GetObject', false);
  const url = await presignedUrl('GET', bucket, key, { expiresIn: REQUEST_SECONDS, query: versionId ? { versionId } : {} });
  const response = await fetch(url, { headers: { range: `bytes=0-${bytes - 1}` } });
  const etag = response.headers.get('etag') ?? '';
  if (response.status === 404) return undefined;
  // An empty object has no byte 0.
  if (response.status === 416) return { head: new Uint8Array(), size: 0, etag };
  if (!response.ok) throw new ObjectStoreError('GetObject', response.status, await response.text());
  const body = new Uint8Array(await response.arrayBuffer());
  const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
  return { head: body.subarray(0, bytes), size: response.status === 206 && total ? Number(total) : body.byteLength, etag };
}

/**
 * Copies one object within the bucket under a new key with a new content type, only if the source
 * is still the version that was checked (`ifMatch`, its ETag; `versionId` in a versioned bucket).
 */
export async function copyObject(bucket: string, from: { key: string; versionId?: string; ifMatch?: string }, to: { key: string; contentType: string }): Promise<void> {
  guard(bucket, 'CopyObject', true);
  const source = `/${bucket}/${keyPath(from.key)}${from.versionId ? `?versionId=${escape(from.versionId)}` : ''}`;
  const headers = { 'x-amz-copy-source': source, 'x-amz-metadata-directive': 'REPLACE', ...(from.ifMatch ? { 'x-amz-copy-source-if-match': from.ifMatch } : {}) };
  const url = await presignedUrl('PUT', bucket, to.key, { expiresIn: REQUEST_SECONDS, headers });
  const response = await fetch(url, { method: 'PUT', headers: { ...headers, 'content-type': to.contentType } });
  const body = await response.text();
  // A copy can fail after S3 has answered 200: the error is then in the body.
  if (!response.ok || body.includes('<Error>')) throw new ObjectStoreError('CopyObject', response.status, body);
}

/**
 * Writes an object (a file the handler made, such as an export) in one request, with the headers
 * a download then answers with: its Content-Type and Content-Disposition are stored with it, so a
 * download link needs no file name in its query. The body is sent as is (payload unsigned, as in
 * every presigned request here); S3 keeps objects up to 5 GB written so.
 */
export async function putObject(bucket: string, key: string, body: Uint8Array, options: { contentType: string; contentDisposition?: string }): Promise<void> {
  guard(bucket, 'PutObject', true);
  const headers = { 'content-type': options.contentType, ...(options.contentDisposition ? { 'content-disposition': options.contentDisposition } : {}) };
  const url = await presignedUrl('PUT', bucket, key, { expiresIn: REQUEST_SECONDS, headers });
  const response = await fetch(url, { method: 'PUT', headers, body });
  if (!response.ok) throw new ObjectStoreError('PutObject', response.status, await response.text());
}

/** A download link valid `expiresIn` seconds, answered with the headers stored with the object (putObject). */
export async function presignStoredGet(bucket: string, key: string, expiresIn: number): Promise<string> {
  guard(bucket, 'GetObject', false);
  return presignedUrl('GET', bucket, key, { expiresIn });
}

/** Deletes an object (one version of it, when given: in a versioned bucket, really gone). Deleting what is not there succeeds. */
export async function deleteObject(bucket: string, key: string, versionId?: string): Promise<void> {
  guard(bucket, 'DeleteObject', true);
  const url = await presignedUrl('DELETE', bucket, key, { expiresIn: REQUEST_SECONDS, query: versionId ? { versionId } : {} });
  const response = await fetch(url, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) throw new ObjectStoreError('DeleteObject', response.status, await response.text());
}

/** An object's bytes as they arrive (a file of any size, never held whole); undefined when there is none. */
export async function readObjectStream(bucket: string, key: string): Promise<Readable | undefined> {
  guard(bucket, 'GetObject', false);
  const url = await presignedUrl('GET', bucket, key, { expiresIn: REQUEST_SECONDS });
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok || !response.body) throw new ObjectStoreError('GetObject', response.status, await response.text());
  return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
}

/** Writes a file from the function's disk (a report too big to build in memory), streamed, with its length. */
export async function putObjectFile(bucket: string, key: string, path: string, options: { contentType: string; contentDisposition?: string }): Promise<void> {
  guard(bucket, 'PutObject', true);
  const { size } = await stat(path);
  const headers = { 'content-type': options.contentType, 'content-length': String(size), ...(options.contentDisposition ? { 'content-disposition': options.contentDisposition } : {}) };
  const url = await presignedUrl('PUT', bucket, key, { expiresIn: REQUEST_SECONDS, headers: { 'content-type': headers['content-type'], ...(options.contentDisposition ? { 'content-disposition': options.contentDisposition } : {}) } });
  const body = Readable.toWeb(createReadStream(path)) as unknown as RequestInit['body'];
  const response = await fetch(url, { method: 'PUT', headers, body, duplex: 'half' } as RequestInit);
  if (!response.ok) throw new ObjectStoreError('PutObject', response.status, await response.text());
}
