// Student photos (照片) over the real local stack: the registrar asks for a form, the JPEG goes
// straight to S3 as a browser sends it, the bucket's event runs the photo check (the real bytes
// decoded: type, size, dimensions, ratio), and GET shows the outcome with short-lived links to the
// photo and its thumbnail. Each broken rule comes back as its own reason.
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import jpegJs from 'jpeg-js';
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, call, login, type Reply } from '../support/api.ts';
import { jpeg, png } from '../support/files.ts';
import { newStudent } from '../support/students.ts';

interface Upload {
  upload: { url: string; fields: Record<string, string> };
}
interface Photo {
  status: 'pending' | 'accepted' | 'rejected';
  reasons: string[];
  size: number;
  width?: number;
  height?: number;
  url?: string;
  thumbnailUrl?: string;
}
interface ErrorBody {
  error: { code: string; fields: { path: string; code: string }[] };
}

const TH_SCHOOL = '2144010601';
const REGISTRAR = 'registrar-th-shiyan';
const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const s3 = () => new S3Client({ ...local, endpoint: inject('stack').endpoints.s3, forcePathStyle: true });

/** In the class the demo teacher teaches and the demo advisor leads. */
async function enrol(): Promise<string> {
  const student = await call<{ studentId: string }>('POST', '/v1/students', { token: await login(REGISTRAR), body: newStudent({ name: '照片测试', classId: `${TH_SCHOOL}-G2026-C01` }) });
  expect(student.status, JSON.stringify(student.body)).toBe(201);
  return student.body.studentId;
}

async function ask(username: string, studentId: string, body: Record<string, unknown>): Promise<Reply<Upload & ErrorBody>> {
  return call<Upload & ErrorBody>('POST', `/v1/students/${studentId}/photo`, { token: await login(username), body });
}

async function read(username: string, studentId: string): Promise<Reply<Photo & ErrorBody>> {
  return call<Photo & ErrorBody>('GET', `/v1/students/${studentId}/photo`, { token: await login(username) });
}

/** Sends the file as a browser does: the form's fields in order, the file last, from the web app's origin. */
async function send(upload: Upload['upload'], bytes: Buffer, name: string): Promise<Response> {
  const form = new FormData();
  for (const [field, value] of Object.entries(upload.fields)) form.append(field, value);
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), name);
  return fetch(upload.url, { method: 'POST', body: form, headers: { origin: baseUrl() } });
}

/** The check runs when the file lands: poll until the latest upload is settled. */
async function settled(studentId: string): Promise<Photo> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const photo = await read(REGISTRAR, studentId);
    if (photo.status === 200 && photo.body.status !== 'pending') return photo.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the photo of ${studentId} was not checked`);
}

/** Uploads a file as a JPEG (whatever its bytes) and waits for its check. */
async function uploadAndCheck(studentId: string, bytes: Buffer, name = 'photo.jpg'): Promise<{ photo: Photo; key: string }> {
  const slot = await ask(REGISTRAR, studentId, { contentType: 'image/jpeg', size: bytes.length });
  expect(slot.status, JSON.stringify(slot.body)).toBe(201);
  expect((await send(slot.body.upload, bytes, name)).status).toBe(204);
  return { photo: await settled(studentId), key: slot.body.upload.fields.key! };
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

const keyOf = (url: string) => decodeURIComponent(new URL(url).pathname.replace(/^\/files\//, ''));

describe('a student’s photo', () => {
  it('accepts a real JPEG, links it and a smaller thumbnail briefly, and replaces the previous photo', async () => {
    const studentId = await enrol();
    expect((await read(REGISTRAR, studentId)).status).toBe(404);

    const bytes = jpeg(180, 222);
    const slot = await ask(REGISTRAR, studentId, { contentType: 'image/jpeg', size: bytes.length });
    expect(slot.status, JSON.stringify(slot.body)).toBe(201);
    // The key holds ids only; the form fixes it, the type and the exact size.
    expect(slot.body.upload.fields.key).toMatch(new RegExp(`^incoming/photos/${studentId}/[0-9a-z]+$`));
    expect(slot.body.upload.fields['Content-Type']).toBe('image/jpeg');
    expect((await read(REGISTRAR, studentId)).body).toMatchObject({ status: 'pending', reasons: [], size: bytes.length });
    expect((await send(slot.body.upload, bytes, '张三.jpg')).status).toBe(204);

    const photo = await settled(studentId);
    expect(photo).toMatchObject({ status: 'accepted', reasons: [], width: 180, height: 222, size: bytes.length });
    for (const url of [photo.url!, photo.thumbnailUrl!]) {
      expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
      expect(keyOf(url)).toMatch(new RegExp(`^photos/${studentId}/[0-9a-z]+(\\.thumb)?\\.jpg$`));
    }
    const full = await fetch(photo.url!);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await full.arrayBuffer()).equals(bytes)).toBe(true);
    const thumb = await fetch(photo.thumbnailUrl!);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    const small = Buffer.from(await thumb.arrayBuffer());
    expect(small.length).toBeLessThan(bytes.length);
    const decoded = jpegJs.decode(small, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([77, 95]);
    expect(await exists(slot.body.upload.fields.key!)).toBe(false);

    // A second photo replaces the first, whose files go.
    const second = await uploadAndCheck(studentId, jpeg(358, 441));
    expect(second.photo).toMatchObject({ status: 'accepted', width: 358, height: 441 });
    expect(keyOf(second.photo.url!)).not.toBe(keyOf(photo.url!));
    expect(await exists(keyOf(photo.url!))).toBe(false);
    expect(await exists(keyOf(photo.thumbnailUrl!))).toBe(false);
    expect(await exists(keyOf(second.photo.url!))).toBe(true);

    // The record's history shows each upload and each check, without anything personal.
    const history = await call<{ items: { action: string; actor: { userId: string } }[] }>('GET', `/v1/students/${studentId}/history`, { token: await login(REGISTRAR) });
    const actions = history.body.items.map((entry) => `${entry.action} ${entry.actor.userId}`);
    expect(actions.filter((action) => action === `photo.upload local|${REGISTRAR}`)).toHaveLength(2);
    expect(actions.filter((action) => action === 'photo.accept system')).toHaveLength(2);
  });

  it('rejects, each with its reason, a photo too small, one of the wrong ratio, one of 60 KB or more and a PNG named .jpg; the current photo stays', async () => {
    const studentId = await enrol();
    const accepted = await uploadAndCheck(studentId, jpeg(200, 246));
    expect(accepted.photo.status).toBe('accepted');

    const tooSmall = await uploadAndCheck(studentId, jpeg(100, 123));
    expect(tooSmall.photo).toMatchObject({ status: 'rejected', width: 100, height: 123, reasons: ['图像为 100 × 123 像素，至少须 154 × 189 像素'] });
    // The student keeps the photo it had.
    expect(keyOf(tooSmall.photo.url!)).toBe(keyOf(accepted.photo.url!));
    expect(await exists(tooSmall.key)).toBe(false);

    const square = await uploadAndCheck(studentId, jpeg(240, 240));
    expect(square.photo).toMatchObject({ status: 'rejected', width: 240, height: 240 });
    expect(square.photo.reasons).toEqual([expect.stringMatching(/^宽高比不符：240 × 240 像素的宽高比为 1\.000，须为 26:32 的竖版照片/)]);

    const heavy = jpeg(200, 246, { noise: true, quality: 80 });
    expect(heavy.length).toBeGreaterThanOrEqual(60 * 1024);
    const big = await uploadAndCheck(studentId, heavy);
    expect(big.photo).toMatchObject({ status: 'rejected', size: heavy.length, reasons: [expect.stringMatching(/^文件为 \d+\.\d KB，须小于 60 KB$/)] });

    const renamed = await uploadAndCheck(studentId, png(60, 74), 'photo.jpg');
    expect(renamed.photo).toMatchObject({ status: 'rejected', reasons: ['文件内容不是 JPEG 图像 (以文件内容为准，与文件名和申报的类型无关)'] });
    expect(renamed.photo.width).toBeUndefined();
    expect(keyOf(renamed.photo.url!)).toBe(keyOf(accepted.photo.url!));
  });

  it('refuses other types and files over the upload limit before any upload', async () => {
    const studentId = await enrol();
    const png1 = await ask(REGISTRAR, studentId, { contentType: 'image/png', size: 1000 });
    expect(png1.status).toBe(400);
    expect(png1.body.error.fields.map((field) => field.path)).toEqual(['contentType']);
    const huge = await ask(REGISTRAR, studentId, { contentType: 'image/jpeg', size: 120 * 1024 + 1 });
    expect(huge.status).toBe(400);
    expect(huge.body.error.fields).toEqual([expect.objectContaining({ path: 'size', code: 'too_big' })]);
  });
});

describe('who may upload and see a photo', () => {
  it('the school’s registrar uploads; the offices read; the class’s teacher and advisor and other schools neither', async () => {
    const studentId = await enrol();
    await uploadAndCheck(studentId, jpeg(180, 222));
    const body = { contentType: 'image/jpeg', size: 1000 };
    // Outside the subtree: 404, nothing about the student leaks.
    for (const outsider of ['registrar-th-huajing', 'nanshan-admin', 'teacher-th-huajing']) {
      expect((await ask(outsider, studentId, body)).status, outsider).toBe(404);
      expect((await read(outsider, studentId)).status, outsider).toBe(404);
    }
    // They see the (masked) record, but not the photo, and upload none.
    for (const user of ['teacher-th-shiyan', 'advisor-th-shiyan']) {
      expect((await call('GET', `/v1/students/${studentId}`, { token: await login(user) })).status, user).toBe(200);
      const upload = await ask(user, studentId, body);
      expect([upload.status, upload.body.error.code], user).toEqual([403, 'ROLE_NOT_ALLOWED']);
      const view = await read(user, studentId);
      expect([view.status, view.body.error.code], user).toEqual([403, 'ROLE_NOT_ALLOWED']);
    }
    // The county reads, but photos are the school's to take.
    expect((await read('tianhe-admin', studentId)).status).toBe(200);
    expect((await ask('tianhe-admin', studentId, body)).status).toBe(403);
  });

  it('the student sees its own photo, and no other', async () => {
    const me = await call<{ studentId: string }>('GET', '/v1/me', { token: await login('student-th-shiyan') });
    const own = me.body.studentId;
    await uploadAndCheck(own, jpeg(180, 222));
    const mine = await read('student-th-shiyan', own);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'accepted', width: 180, height: 222 });
    expect((await fetch(mine.body.thumbnailUrl!)).status).toBe(200);
    expect((await ask('student-th-shiyan', own, { contentType: 'image/jpeg', size: 1000 })).status).toBe(403);
    const other = await enrol();
    await uploadAndCheck(other, jpeg(180, 222));
    expect((await read('student-th-shiyan', other)).status).toBe(404);
  });
});
