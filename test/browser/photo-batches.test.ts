// 照片采集 in a real browser: the school's registrar finds it under 学籍管理, chooses a class of this
// file's own, uploads a zip foldered by grade and class, follows the job, and reads the report:
// the photo named by ID number 通过, the one too small 未通过 with the check's reason, a name that
// finds nobody 未匹配. The report shows again at a phone's width from its address.
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, login } from '../support/api.ts';
import { ownGrade } from '../support/grades.ts';
import { screenshot, signedInPages } from '../support/browser.ts';
import { jpeg } from '../support/files.ts';
import { newStudent, validIdNumber } from '../support/students.ts';

const SCHOOL = '2144010601';
const REGISTRAR = 'registrar-th-shiyan';
const open = signedInPages();

let year: string;
let classId: string;
const students: { name: string; idNumber: string }[] = [
  { name: '采集甲', idNumber: validIdNumber() },
  { name: '采集乙', idNumber: validIdNumber() },
];

beforeAll(async () => {
  const url = inject('web').url;
  const token = await login(REGISTRAR, url);
  const grade = { body: await ownGrade(SCHOOL, token, url) };
  year = grade.body.year;
  const klass = await call<{ orgId: string }>('POST', `/v1/orgs/${grade.body.orgId}/children`, { url, token, body: { code: '1', name: '(1)班' } });
  expect(klass.status, JSON.stringify(klass.body)).toBe(201);
  classId = klass.body.orgId;
  for (const student of students) {
    const enrolled = await call('POST', '/v1/students', { url, token, body: newStudent({ ...student, classId }) });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  }
});

describe('照片采集', () => {
  it('the registrar uploads a class’s zip, follows its job and reads the report file by file', async () => {
    const { page } = await open('desktop', REGISTRAR);
    await page.getByRole('menuitem', { name: '照片采集' }).click();
    await page.getByRole('heading', { name: '照片采集' }).waitFor();

    await page.getByTestId('batch-org').click();
    await page.getByTestId('batch-org').locator('input').fill(`${year}级(1)班`);
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: `${year}级(1)班` }).click();
    await screenshot(page, 'photo-batches', 'desktop');

    const folder = `${year}级/1班`;
    const zip = zipSync({
      [`${folder}/${students[0]!.idNumber}.jpg`]: jpeg(180, 222),
      [`${folder}/${SCHOOL}_1_${students[1]!.name}.jpg`]: jpeg(100, 123),
      [`${folder}/${SCHOOL}_1_不在本班.jpg`]: jpeg(180, 222),
    });
    await page.locator('input[type=file]').setInputFiles({ name: `${year}级1班.zip`, mimeType: 'application/zip', buffer: Buffer.from(zip) });

    const report = page.getByTestId('batch-report');
    await report.waitFor();
    await expect.poll(() => page.getByTestId('batch-files').locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(3);
    await page.getByTestId('batch-running').waitFor({ state: 'detached' });
    const rows = page.getByTestId('batch-files').locator('tbody tr.ant-table-row');
    const rowOf = (text: string) => rows.filter({ hasText: text });
    expect(await rowOf(students[0]!.idNumber).textContent()).toContain('通过');
    expect(await rowOf(students[1]!.name).textContent()).toContain('未通过');
    expect(await rowOf(students[1]!.name).textContent()).toContain('图像为 100 × 123 像素，至少须 154 × 189 像素');
    expect(await rowOf('不在本班').textContent()).toContain('未匹配');
    expect(await page.getByTestId('batch-counts').textContent()).toMatch(/通过1未通过1拒收0未匹配1/);
    expect(page.url()).toMatch(/\/photo-batches\?batch=[0-9a-z]+$/);
    await screenshot(page, 'photo-batch-report', 'desktop');

    // The report from its address, at a phone's width.
    const phone = await open('phone', REGISTRAR, new URL(page.url()).pathname + new URL(page.url()).search);
    await phone.page.getByTestId('batch-files').locator('tbody tr.ant-table-row').nth(2).waitFor();
    await screenshot(phone.page, 'photo-batch-report', 'phone');
  });
});
