// The bucket access the handlers use without the SDK's S3 client (shared/data/object-store.ts)
// builds what the SDK builds, byte for byte: the same presigned POST, and the same presigned
// requests (download links; a copy with its signed headers; a delete), signatures included, in a
// commercial region, in a China region and on a local endpoint in path style.
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { presignedUrl, presignGet, presignPost, presignStoredGet } from '#shared/data/object-store.ts';

const CASES: { name: string; region: string; env: Record<string, string>; client: { endpoint?: string; forcePathStyle?: boolean } }[] = [
  { name: 'us-east-1', region: 'us-east-1', env: {}, client: {} },
  { name: 'cn-northwest-1', region: 'cn-northwest-1', env: {}, client: {} },
  { name: 'a local endpoint, path style', region: 'us-east-1', env: { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4566', S3_FORCE_PATH_STYLE: 'true' }, client: { endpoint: 'http://127.0.0.1:4566', forcePathStyle: true } },
];
const BUCKET = 'xueji-files-1a2b3c';
const VARIABLES = ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL_S3', 'S3_FORCE_PATH_STYLE'];
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjE+/token==' };

let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  vi.useFakeTimers({ now: new Date('2026-10-09T02:03:04.567Z'), toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function setEnvironment(region: string, env: Record<string, string>) {
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, { AWS_REGION: region, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken, ...env });
}

describe.each(CASES)('in $name', ({ region, env, client }) => {
  const sdk = () => new S3Client({ region, credentials, ...client });

  it('a presigned POST equals the SDK’s createPresignedPost', async () => {
    setEnvironment(region, env);
    const ours = await presignPost(BUCKET, 'incoming/evidence/0mhy7q2c4e5f6a7b8/0mhz1x2y3deadbeef', { contentType: 'image/png', size: 12345, expiresIn: 600 });
    const theirs = await createPresignedPost(sdk(), {
      Bucket: BUCKET,
      Key: 'incoming/evidence/0mhy7q2c4e5f6a7b8/0mhz1x2y3deadbeef',
      Conditions: [['content-length-range', 12345, 12345]],
      Fields: { 'Content-Type': 'image/png' },
      Expires: 600,
    });
    expect(ours).toEqual(theirs);
    expect(Object.keys(ours.fields)).toEqual(Object.keys(theirs.fields));
    const policy = JSON.parse(Buffer.from(ours.fields.Policy!, 'base64').toString()) as { expiration: string; conditions: unknown[] };
    expect(policy.expiration).toBe('2026-10-09T02:13:04Z');
    expect(policy.conditions).toContainEqual(['content-length-range', 12345, 12345]);
  });

  it('a download link is the SDK’s getSignedUrl, signature and all', async () => {
    setEnvironment(region, env);
    const disposition = `inline; filename="___.pdf"; filename*=UTF-8''%E8%AF%81%E6%98%8E.pdf`;
    const ours = new URL(await presignGet(BUCKET, 'evidence/0mhy7q2c4e5f6a7b8/0mhz1x2y3deadbeef', { expiresIn: 300, contentDisposition: disposition, contentType: 'application/pdf' }));
    const theirs = new URL(await getSignedUrl(sdk(), new GetObjectCommand({ Bucket: BUCKET, Key: 'evidence/0mhy7q2c4e5f6a7b8/0mhz1x2y3deadbeef', ResponseContentDisposition: disposition, ResponseContentType: 'application/pdf' }), { expiresIn: 300 }));
    expect(ours.origin + ours.pathname).toBe(theirs.origin + theirs.pathname);
    // The SDK also signs its operation's name and a checksum mode: with those, the signatures are the same.
    const params = (url: URL, drop: string[] = []) => [...url.searchParams].filter(([name]) => !drop.includes(name)).sort();
    expect(params(ours, ['X-Amz-Signature'])).toEqual(params(theirs, ['X-Amz-Signature', 'x-id', 'x-amz-checksum-mode']));
    const same = new URL(await presignedUrl('GET', BUCKET, 'evidence/0mhy7q2c4e5f6a7b8/0mhz1x2y3deadbeef', { expiresIn: 300, query: { 'response-content-disposition': disposition, 'response-content-type': 'application/pdf', 'x-amz-checksum-mode': 'ENABLED', 'x-id': 'GetObject' } }));
    expect(params(same)).toEqual(params(theirs));
  });

  it('a copy signed with its headers, and a delete of one version, are the SDK’s presigned requests', async () => {
    setEnvironment(region, env);
    const headers = { 'x-amz-copy-source': `/${BUCKET}/incoming/evidence/a1/b2?versionId=3%2BxY`, 'x-amz-copy-source-if-match': '"0123abcd"', 'x-amz-metadata-directive': 'REPLACE' };
    const ours = new URL(await presignedUrl('PUT', BUCKET, 'evidence/a1/b2', { expiresIn: 60, headers, query: { 'x-id': 'CopyObject' } }));
    const theirs = new URL(
      await getSignedUrl(sdk(), new CopyObjectCommand({ Bucket: BUCKET, Key: 'evidence/a1/b2', CopySource: headers['x-amz-copy-source'], CopySourceIfMatch: headers['x-amz-copy-source-if-match'], MetadataDirective: 'REPLACE', ContentType: 'image/png' }), {
        expiresIn: 60,
        unhoistableHeaders: new Set(Object.keys(headers)),
      }),
    );
    const params = (url: URL) => [...url.searchParams].sort();
    expect(ours.origin + ours.pathname).toBe(theirs.origin + theirs.pathname);
    expect(params(ours)).toEqual(params(theirs));
    expect(ours.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-amz-copy-source;x-amz-copy-source-if-match;x-amz-metadata-directive');

    const gone = new URL(await presignedUrl('DELETE', BUCKET, 'incoming/evidence/a1/b2', { expiresIn: 60, query: { versionId: '3+xY', 'x-id': 'DeleteObject' } }));
    const deleted = new URL(await getSignedUrl(sdk(), new DeleteObjectCommand({ Bucket: BUCKET, Key: 'incoming/evidence/a1/b2', VersionId: '3+xY' }), { expiresIn: 60 }));
    expect(params(gone)).toEqual(params(deleted));
  });

  it('a write with its stored headers, and a plain download link, are the SDK’s presigned requests', async () => {
    setEnvironment(region, env);
    const headers = { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="___.pdf"; filename*=UTF-8''%E7%99%BB%E5%88%86%E8%A1%A8.pdf` };
    const ours = new URL(await presignedUrl('PUT', BUCKET, 'exports/0mi4a7c2e9f1b3d5c.pdf', { expiresIn: 60, headers, query: { 'x-id': 'PutObject' } }));
    // The SDK's client as DESIGN.md says to configure it: no checksum of an empty body signed in.
    const writer = new S3Client({ region, credentials, ...client, requestChecksumCalculation: 'WHEN_REQUIRED' });
    const theirs = new URL(
      await getSignedUrl(writer, new PutObjectCommand({ Bucket: BUCKET, Key: 'exports/0mi4a7c2e9f1b3d5c.pdf', ContentType: headers['content-type'], ContentDisposition: headers['content-disposition'] }), {
        expiresIn: 60,
        signableHeaders: new Set(Object.keys(headers)),
        unhoistableHeaders: new Set(Object.keys(headers)),
      }),
    );
    const params = (url: URL, drop: string[] = []) => [...url.searchParams].filter(([name]) => !drop.includes(name)).sort();
    expect(ours.origin + ours.pathname).toBe(theirs.origin + theirs.pathname);
    expect(params(ours)).toEqual(params(theirs));
    expect(ours.searchParams.get('X-Amz-SignedHeaders')).toBe('content-disposition;content-type;host');

    const link = new URL(await presignStoredGet(BUCKET, 'exports/0mi4a7c2e9f1b3d5c.pdf', 300));
    const signed = new URL(await getSignedUrl(sdk(), new GetObjectCommand({ Bucket: BUCKET, Key: 'exports/0mi4a7c2e9f1b3d5c.pdf' }), { expiresIn: 300 }));
    expect(params(link, ['X-Amz-Signature'])).toEqual(params(signed, ['X-Amz-Signature', 'x-id', 'x-amz-checksum-mode']));
    expect(link.searchParams.get('X-Amz-Expires')).toBe('300');
    // Nothing but the key and the signature's parameters: no file name, nothing personal.
    expect([...link.searchParams.keys()].filter((name) => !name.startsWith('X-Amz-'))).toEqual([]);
  });
});
