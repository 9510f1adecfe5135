// Evidence (佐证材料) of status-change cases over the real local stack: the API hands out a presigned
// POST, the file goes straight to S3 as a browser sends it (a multipart form), the bucket's event
// runs the check, and the list shows the outcome with a short-lived download link. S3's own
// refusals (policy: size, key, expiry) come from the stack's S3 endpoint, as they would on AWS.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, call, login, type Reply } from '../support/api.ts';
import { pdf, png } from '../support/files.ts';
import { newStudent } from '../support/students.ts';

interface Upload {
  evidenceId: string;
  upload: { url: string; fields: Record<string, string> };
}
interface Evidence {
  evidenceId: string;
  fileName: string;
  contentType: string;
  size: number;
  status: 'pending' | 'accepted' | 'rejected';
  reason?: string;
  url?: string;
}
interface ErrorBody {
  error: { code: string; fields: { path: string; code: string }[] };
}

const TH_SCHOOL = '2144010601';
const MB2 = 2 * 1024 * 1024;
const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const s3 = () => new S3Client({ ...local, endpoint: inject('stack').endpoints.s3, forcePathStyle: true });

async function openCase(): Promise<string> {
  const registrar = await login('registrar-th-shiyan');
  const student = await call<{ studentId: string }>('POST', '/v1/students', { token: registrar, body: newStudent({ name: '佐证测试', classId: `${TH_SCHOOL}-G2025-C01` }) });
  expect(student.status).toBe(201);
  const leave = await call<{ changeId: string }>('POST', '/v1/changes', { token: registrar, body: { type: 'leave', studentId: student.body.studentId, reason: '病休', from: '2026-10-01', until: '2027-01-31' } });
  expect(leave.status, JSON.stringify(leave.body)).toBe(201);
  return leave.body.changeId;
}

async function add(username: string, changeId: string, body: Record<string, unknown>): Promise<Reply<Upload & ErrorBody>> {
  return call<Upload & ErrorBody>('POST', `/v1/changes/${changeId}/evidence`, { token: await login(username), body });
}

async function list(username: string, changeId: string): Promise<Reply<{ items: Evidence[] } & ErrorBody>> {
  return call<{ items: Evidence[] } & ErrorBody>('GET', `/v1/changes/${changeId}/evidence`, { token: await login(username) });
}

/** Sends the file as a browser does: the form's fields in order, the file last, from the web app's origin. */
async function send(upload: Upload['upload'], bytes: Buffer, type: string, name: string, fields: Record<string, string> = upload.fields): Promise<Response> {
  const form = new FormData();
  for (const [field, value] of Object.entries(fields)) form.append(field, value);
  form.append('file', new Blob([bytes], { type }), name);
  return fetch(upload.url, { method: 'POST', body: form, headers: { origin: baseUrl() } });
}

/** The check runs when the file lands: poll the list until the file is settled. */
async function settled(changeId: string, evidenceId: string, username = 'registrar-th-shiyan'): Promise<Evidence> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const item = (await list(username, changeId)).body.items.find((entry) => entry.evidenceId === evidenceId);
    if (item && item.status !== 'pending') return item;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`evidence ${evidenceId} was not checked`);
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: 'files', Key: key }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFound') return false;
    throw error;
  }
}

describe('evidence of a case', () => {
  it('uploads a PNG and a PDF straight to S3, accepts them, and links each to the same bytes under its name', async () => {
    const changeId = await openCase();
    const image = png(300, 1);
    const document = pdf();

    const first = await add('registrar-th-shiyan', changeId, { fileName: 'C:\\扫描\\户口本 首页.PNG', contentType: 'image/png', size: image.length });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The key holds ids only; the form fixes it, the type and the size.
    expect(first.body.upload.fields.key).toBe(`incoming/evidence/${changeId}/${first.body.evidenceId}`);
    expect(first.body.upload.url).toBe(`${inject('stack').endpoints.s3}/files`);
    const sent = await send(first.body.upload, image, 'image/png', '户口本 首页.PNG');
    expect(sent.status).toBe(204);
    expect(sent.headers.get('access-control-allow-origin')).toBe(baseUrl());

    // The current step's organisation may add evidence too.
    const second = await add('tianhe-admin', changeId, { fileName: '家访记录.pdf', contentType: 'application/pdf', size: document.length });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect((await send(second.body.upload, document, 'application/pdf', '家访记录.pdf')).status).toBe(204);

    const png1 = await settled(changeId, first.body.evidenceId);
    expect(png1).toMatchObject({ fileName: '户口本 首页.PNG', contentType: 'image/png', size: image.length, status: 'accepted' });
    const pdf1 = await settled(changeId, second.body.evidenceId, 'tianhe-admin');
    expect(pdf1).toMatchObject({ fileName: '家访记录.pdf', status: 'accepted' });

    for (const [item, bytes] of [[png1, image], [pdf1, document]] as const) {
      expect(new URL(item.url!).searchParams.get('X-Amz-Expires')).toBe('300');
      const download = await fetch(item.url!);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
      expect(download.headers.get('content-type')).toBe(item.contentType);
      expect(download.headers.get('content-disposition')).toBe(`inline; filename="${item.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(item.fileName)}`);
    }
    // A link is for its own object only: another key under the same signature is refused.
    const forged = png1.url!.replace(first.body.evidenceId, second.body.evidenceId);
    expect((await fetch(forged)).status).toBe(403);

    // The checked files live under evidence/; the uploads are gone.
    expect(await exists(`evidence/${changeId}/${first.body.evidenceId}`)).toBe(true);
    expect(await exists(first.body.upload.fields.key!)).toBe(false);

    // The same form again, with other bytes of the same size: the upload lands, is checked once
    // more, finds its file settled, and goes; the accepted file stays as it was.
    expect((await send(first.body.upload, Buffer.alloc(image.length, 0x41), 'image/png', 'again.png')).status).toBe(204);
    for (let attempt = 0; attempt < 150 && (await exists(first.body.upload.fields.key!)); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await exists(first.body.upload.fields.key!)).toBe(false);
    const again = (await list('registrar-th-shiyan', changeId)).body.items.find((item) => item.evidenceId === first.body.evidenceId)!;
    expect(again.status).toBe('accepted');
    expect(Buffer.from(await (await fetch(again.url!)).arrayBuffer()).equals(image)).toBe(true);

    // The case's audit trail shows each upload and each check, once.
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, endpoint: inject('stack').endpoints.dynamodb }));
    const audit = await doc.send(new QueryCommand({ TableName: 'records', KeyConditionExpression: 'PK = :p AND begins_with(SK, :a)', ExpressionAttributeValues: { ':p': `CHANGE#${changeId}`, ':a': 'AUDIT#' } }));
    const actions = (audit.Items ?? []).map((entry) => `${entry.action as string} ${(entry.actor as { userId: string }).userId}`);
    expect(actions).toEqual(expect.arrayContaining(['change.evidence.add local|registrar-th-shiyan', 'change.evidence.add local|tianhe-admin', 'change.evidence.accept system']));
    expect(actions.filter((action) => action.startsWith('change.evidence.accept'))).toHaveLength(2);
  });

  it('rejects a file whose bytes are not its declared type, says why, and removes it', async () => {
    const changeId = await openCase();
    const text = Buffer.from('这不是图片，只是一段文字。This is not a PNG.\n');
    const slot = await add('registrar-th-shiyan', changeId, { fileName: 'photo.png', contentType: 'image/png', size: text.length });
    expect(slot.status).toBe(201);
    expect((await send(slot.body.upload, text, 'image/png', 'photo.png')).status).toBe(204);
    const item = await settled(changeId, slot.body.evidenceId);
    expect(item.status).toBe('rejected');
    expect(item.reason).toMatch(/不是 JPG、PNG 或 PDF/);
    expect(item.url).toBeUndefined();
    expect(await exists(slot.body.upload.fields.key!)).toBe(false);
    expect(await exists(`evidence/${changeId}/${slot.body.evidenceId}`)).toBe(false);
  });

  it('leaves size and key to S3: a bigger file or another key is refused by the form’s policy; the API refuses more than 2 MB', async () => {
    const changeId = await openCase();
    const tooBig = await add('registrar-th-shiyan', changeId, { fileName: 'scan.pdf', contentType: 'application/pdf', size: MB2 + 1 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.fields).toEqual([expect.objectContaining({ path: 'size', code: 'too_big' })]);
    const badType = await add('registrar-th-shiyan', changeId, { fileName: 'scan.gif', contentType: 'image/gif', size: 100 });
    expect(badType.status).toBe(400);
    expect(badType.body.error.fields.map((field) => field.path)).toEqual(['contentType']);

    const slot = await add('registrar-th-shiyan', changeId, { fileName: 'scan.pdf', contentType: 'application/pdf', size: MB2 });
    expect(slot.status).toBe(201);
    const oversized = Buffer.concat([pdf(), Buffer.alloc(MB2)]);
    const refused = await send(slot.body.upload, oversized, 'application/pdf', 'scan.pdf');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('<Code>EntityTooLarge</Code>');
    const elsewhere = await send(slot.body.upload, pdf(), 'application/pdf', 'scan.pdf', { ...slot.body.upload.fields, key: `evidence/${changeId}/${slot.body.evidenceId}` });
    expect(elsewhere.status).toBe(403);
    expect(await exists(slot.body.upload.fields.key!)).toBe(false);
    expect(await exists(`evidence/${changeId}/${slot.body.evidenceId}`)).toBe(false);
    expect((await list('registrar-th-shiyan', changeId)).body.items.map((item) => item.status)).toEqual(['pending']);
  });

  it('lets the web app on this machine reach the bucket (CORS, its page policy), and refuses expired links', async () => {
    const storage = inject('stack').endpoints.s3;
    const preflight = (origin: string) => fetch(`${storage}/files`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const ours = await preflight(baseUrl());
    expect(ours.status).toBe(200);
    expect(ours.headers.get('access-control-allow-origin')).toBe(baseUrl());
    expect((await preflight('https://evil.example')).status).toBe(403);
    const page = await fetch(`${baseUrl()}/`);
    expect(page.headers.get('content-security-policy')).toMatch(new RegExp(`connect-src [^;]*${storage.replace(/[.]/g, '\\.')}`));

    // A link signed ten minutes ago for five minutes, by the SDK itself.
    const old = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'files', Key: 'evidence/x/y' }), { expiresIn: 300, signingDate: new Date(Date.now() - 600_000) });
    const expired = await fetch(old);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });
});

describe('who may touch evidence', () => {
  it('is the parties: others get 404 for both routes, an organisation above reads but does not add, a closed case takes none', async () => {
    const changeId = await openCase();
    const body = { fileName: '证明.jpg', contentType: 'image/jpeg', size: 1000 };
    for (const outsider of ['nanshan-admin', 'registrar-th-huajing', 'teacher-th-shiyan']) {
      expect((await add(outsider, changeId, body)).status, outsider).toBe(404);
      expect((await list(outsider, changeId)).status, outsider).toBe(404);
    }
    expect((await list('gz-admin', changeId)).status).toBe(200);
    const above = await add('gz-admin', changeId, body);
    expect(above.status).toBe(403);
    expect(above.body.error.code).toBe('EVIDENCE_NOT_ALLOWED');

    const cancelled = await call('POST', `/v1/changes/${changeId}/cancel`, { token: await login('registrar-th-shiyan'), body: {} });
    expect(cancelled.status).toBe(200);
    const closed = await add('registrar-th-shiyan', changeId, body);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('CASE_CLOSED');
  });

  it('holds at most 10 files per case', async () => {
    const changeId = await openCase();
    const body = { fileName: '证明.jpg', contentType: 'image/jpeg', size: 1000 };
    const replies = await Promise.all(Array.from({ length: 12 }, () => add('registrar-th-shiyan', changeId, body)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([...Array<number>(10).fill(201), 409, 409]);
    expect(replies.filter((reply) => reply.status === 409).map((reply) => reply.body.error.code)).toEqual(['EVIDENCE_LIMIT', 'EVIDENCE_LIMIT']);
    expect((await list('registrar-th-shiyan', changeId)).body.items).toHaveLength(10);
  });
});

describe('the local bucket', () => {
  it('stores a PUT larger than the emulator takes in one request (an import report of a big file), with its headers', async () => {
    const body = Buffer.alloc(12 * 1024 * 1024, 0x61);
    await s3().send(new PutObjectCommand({ Bucket: 'files', Key: 'exports/large-put-test.txt', Body: body, ContentType: 'text/plain', ContentDisposition: 'attachment; filename="big.txt"' }));
    const read = await s3().send(new GetObjectCommand({ Bucket: 'files', Key: 'exports/large-put-test.txt' }));
    expect(read.ContentType).toBe('text/plain');
    expect(read.ContentDisposition).toBe('attachment; filename="big.txt"');
    expect(Buffer.from(await read.Body!.transformToByteArray()).equals(body)).toBe(true);
  });
});
