// Photo batches (照片批量采集) over the real local stack: a class's zip, foldered by grade and class
// as registrars make them, with files named by ID number and by 学校标识码_班号_姓名, uploaded
// straight to storage; the job matches each file and takes the photo through the single upload's
// check. Hostile entries (a path out of the zip, a zip bomb, a PNG named .jpg) and another
// school's student are refused file by file while the rest go through; a batch is worked once.
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, call, login } from '../support/api.ts';
import { ownGrade } from '../support/grades.ts';
import { jpeg, png } from '../support/files.ts';
import { newStudent, validIdNumber } from '../support/students.ts';

interface FileResult {
  entry: number;
  file: string;
  studentId: string | null;
  status: 'accepted' | 'rejected' | 'refused' | 'unmatched';
  reason: string | null;
}
interface BatchView {
  batchId: string;
  orgId: string;
  job: { jobId: string; status: string; total: number; done: number; errors: number } | null;
  counts: Record<FileResult['status'], number>;
  files: FileResult[];
  nextCursor: string | null;
}
interface Created {
  batchId: string;
  upload: { url: string; fields: Record<string, string> };
  error?: { code: string };
}

const SCHOOL = '2144010601';
const OTHER_SCHOOL = '3144010602';
const REGISTRAR = 'registrar-th-shiyan';

let registrar: string;
let year: string;
let classId: string;

beforeAll(async () => {
  registrar = await login(REGISTRAR);
  // A grade and a class of this suite's own: its names are matched within the class's roster.
  const grade = { body: await ownGrade(SCHOOL, registrar) };
  year = grade.body.year;
  const klass = await call<{ orgId: string }>('POST', `/v1/orgs/${grade.body.orgId}/children`, { token: registrar, body: { code: '1', name: '(1)班' } });
  expect(klass.status, JSON.stringify(klass.body)).toBe(201);
  classId = klass.body.orgId;
});

async function enrol(token: string, body: Record<string, unknown>): Promise<{ studentId: string; idNumber: string }> {
  const idNumber = validIdNumber();
  const student = await call<{ studentId: string }>('POST', '/v1/students', { token, body: newStudent({ idNumber, ...body }) });
  expect(student.status, JSON.stringify(student.body)).toBe(201);
  return { studentId: student.body.studentId, idNumber };
}

/** A class of the other school, whatever its demo grades are. */
async function otherSchoolClass(token: string): Promise<string> {
  const grades = await call<{ items: { orgId: string }[] }>('GET', `/v1/orgs/${OTHER_SCHOOL}/children`, { token });
  const classes = await call<{ items: { orgId: string }[] }>('GET', `/v1/orgs/${grades.body.items[0]!.orgId}/children`, { token });
  return classes.body.items[0]!.orgId;
}

async function createBatch(token: string, orgId: string, size: number) {
  return call<Created>('POST', '/v1/photo-batches', { token, body: { orgId, size } });
}

/** Sends the zip as a browser does: the form's fields in order, the file last. */
async function send(upload: Created['upload'], bytes: Uint8Array): Promise<Response> {
  const form = new FormData();
  for (const [field, value] of Object.entries(upload.fields)) form.append(field, value);
  form.append('file', new Blob([bytes], { type: 'application/zip' }), 'photos.zip');
  return fetch(upload.url, { method: 'POST', body: form, headers: { origin: baseUrl() } });
}

async function finished(batchId: string): Promise<BatchView> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const view = await call<BatchView>('GET', `/v1/photo-batches/${batchId}`, { token: registrar });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    if (view.body.job?.status === 'succeeded' || view.body.job?.status === 'failed') return view.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`batch ${batchId} did not end`);
}

const photoOf = (studentId: string, token = registrar) => call<{ status: string; reasons: string[]; width?: number }>('GET', `/v1/students/${studentId}/photo`, { token });

describe('a class’s photo batch', () => {
  it('matches files by ID number and by 学校标识码_班号_姓名, accepts or rejects each photo, and refuses hostile entries and other schools’ students file by file', async () => {
    const byId = await enrol(registrar, { name: '批量甲', classId });
    const byName = await enrol(registrar, { name: '批量乙', classId });
    const tooSmall = await enrol(registrar, { name: '批量丙', classId });
    const renamed = await enrol(registrar, { name: '批量丁', classId });
    const huajing = await login('registrar-th-huajing');
    const outsider = await enrol(huajing, { name: '外校学生', classId: await otherSchoolClass(huajing) });

    const folder = `${year}级/1班`;
    const zip = zipSync({
      [`${folder}/${byId.idNumber}.jpg`]: jpeg(180, 222),
      [`${folder}/${SCHOOL}_1_批量乙.JPG`]: jpeg(200, 246),
      [`${folder}/${tooSmall.idNumber}.jpg`]: jpeg(100, 123),
      [`${folder}/${renamed.idNumber}.jpg`]: png(180, 222),
      [`${folder}/${outsider.idNumber}.jpg`]: jpeg(180, 222),
      [`${folder}/${SCHOOL}_1_查无此人.jpg`]: jpeg(180, 222),
      '../evil.jpg': jpeg(180, 222),
      // 200 MB of zeros: some 200 KB in the zip.
      [`${folder}/bomb.jpg`]: [new Uint8Array(200 * 1024 * 1024), { level: 9 }],
    });
    expect(zip.length).toBeLessThan(1024 * 1024);

    const created = await createBatch(registrar, classId, zip.length);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.upload.fields.key).toBe(`photo-batches/${created.body.batchId}.zip`);
    // Not landed yet: nothing to start.
    const early = await call<{ error: { code: string } }>('POST', `/v1/photo-batches/${created.body.batchId}/start`, { token: registrar });
    expect([early.status, early.body.error.code]).toEqual([409, 'PHOTO_BATCH_NOT_UPLOADED']);
    expect((await send(created.body.upload, zip)).status).toBe(204);

    const started = await call<{ jobId: string; kind: string }>('POST', `/v1/photo-batches/${created.body.batchId}/start`, { token: registrar });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.kind).toBe('photoBatch');
    const view = await finished(created.body.batchId);
    expect(view.job).toMatchObject({ status: 'succeeded', total: 8, done: 2, errors: 6 });
    expect(view.counts).toEqual({ accepted: 2, rejected: 1, refused: 4, unmatched: 1 });

    const result = (file: string) => view.files.find((entry) => entry.file === file)!;
    expect(result(`${folder}/${byId.idNumber}.jpg`)).toMatchObject({ studentId: byId.studentId, status: 'accepted', reason: null });
    expect(result(`${folder}/${SCHOOL}_1_批量乙.JPG`)).toMatchObject({ studentId: byName.studentId, status: 'accepted' });
    expect(result(`${folder}/${tooSmall.idNumber}.jpg`)).toMatchObject({ studentId: tooSmall.studentId, status: 'rejected', reason: '图像为 100 × 123 像素，至少须 154 × 189 像素' });
    expect(result(`${folder}/${renamed.idNumber}.jpg`)).toMatchObject({ studentId: renamed.studentId, status: 'refused', reason: expect.stringContaining('不是 JPEG') });
    expect(result(`${folder}/${outsider.idNumber}.jpg`)).toMatchObject({ studentId: null, status: 'refused', reason: expect.stringContaining('不在本批次的范围') });
    expect(result(`${folder}/${SCHOOL}_1_查无此人.jpg`)).toMatchObject({ studentId: null, status: 'unmatched' });
    expect(result('../evil.jpg')).toMatchObject({ studentId: null, status: 'refused', reason: expect.stringContaining('路径不安全') });
    expect(result(`${folder}/bomb.jpg`)).toMatchObject({ studentId: null, status: 'refused', reason: expect.stringContaining('压缩炸弹') });

    // Each accepted photo is the student's, as a single upload's is; the rejected one says why.
    expect((await photoOf(byId.studentId)).body).toMatchObject({ status: 'accepted', width: 180 });
    expect((await photoOf(byName.studentId)).body).toMatchObject({ status: 'accepted', width: 200 });
    expect((await photoOf(tooSmall.studentId)).body).toMatchObject({ status: 'rejected', reasons: ['图像为 100 × 123 像素，至少须 154 × 189 像素'] });
    // Refused files touched nobody.
    expect((await photoOf(renamed.studentId)).status).toBe(404);
    expect((await photoOf(outsider.studentId, huajing)).status).toBe(404);

    // A second start is refused: nothing is accepted twice.
    const again = await call<{ error: { code: string } }>('POST', `/v1/photo-batches/${created.body.batchId}/start`, { token: registrar });
    expect([again.status, again.body.error.code]).toEqual([409, 'PHOTO_BATCH_STARTED']);
    const history = await call<{ items: { action: string; actor: { userId: string } }[] }>('GET', `/v1/students/${byId.studentId}/history`, { token: registrar });
    const actions = history.body.items.map((entry) => `${entry.action} ${entry.actor.userId}`);
    expect(actions.filter((action) => action === `photo.upload local|${REGISTRAR}`)).toHaveLength(1);
    expect(actions.filter((action) => action === 'photo.accept system')).toHaveLength(1);

    // The report pages in the zip's order.
    const page = await call<BatchView>('GET', `/v1/photo-batches/${created.body.batchId}?limit=3`, { token: registrar });
    expect(page.body.files.map((file) => file.entry)).toEqual([...view.files.map((file) => file.entry)].sort((a, b) => a - b).slice(0, 3));
    expect(page.body.nextCursor).not.toBeNull();
  });
});

describe('who works with photo batches', () => {
  it('the school’s registrar for its own classes; another school’s registrar, a teacher and the county neither make nor see them', async () => {
    const created = await createBatch(registrar, classId, 1000);
    expect(created.status).toBe(201);
    for (const user of ['registrar-th-huajing', 'tianhe-admin', 'teacher-th-shiyan']) {
      const token = await login(user);
      expect((await call('GET', `/v1/photo-batches/${created.body.batchId}`, { token })).status, user).toBe(404);
      expect((await call('POST', `/v1/photo-batches/${created.body.batchId}/start`, { token })).status, user).toBe(404);
    }
    for (const user of ['registrar-th-huajing', 'tianhe-admin', 'teacher-th-shiyan']) expect((await createBatch(await login(user), classId, 1000)).status, user).toBe(403);
    // Above the school (the county), or a zip over 50 MB: refused before any upload.
    expect((await createBatch(registrar, '440106', 1000)).status).toBe(403);
    const huge = await createBatch(registrar, classId, 50 * 1024 * 1024 + 1);
    expect(huge.status).toBe(400);
  });
});
