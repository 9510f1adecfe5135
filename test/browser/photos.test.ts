// 照片 in a real browser, at both widths: on a student's record the registrar finds no photo yet,
// a PNG is refused in the browser before anything is sent, a photo too small goes up and comes back
// 未通过 with the check's reason, then a good JPEG goes up and shows 已通过 with its thumbnail,
// which opens the full photo. A teacher's view of the record has no photo card.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, login } from '../support/api.ts';
import { screenshot, signedInPages, type Viewport } from '../support/browser.ts';
import { jpeg, png } from '../support/files.ts';
import { newStudent } from '../support/students.ts';

/** The class the demo teacher teaches. */
const TH_CLASS = '2144010601-G2026-C01';

const open = signedInPages();

/** Chooses a file in the card's upload control, as picking it in the file dialog does. */
async function choose(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByTestId('photo-card').locator('input[type=file]').setInputFiles(file);
}

describe.each<Viewport>(['desktop', 'phone'])('a student’s photo on a %s', (viewport) => {
  it('is refused in the browser when not a JPEG, rejected with its reason when too small, and shown once accepted', async () => {
    const registrar = await open(viewport, 'registrar-th-shiyan');
    const enrolled = await call<{ studentId: string }>('POST', '/v1/students', { url: registrar.url, token: await login('registrar-th-shiyan', registrar.url), body: newStudent({ name: '照片采集', classId: TH_CLASS }) });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const { page } = registrar;
    await page.goto(`${registrar.url}/students/${enrolled.body.studentId}`);
    const card = page.getByTestId('photo-card');
    await card.getByTestId('photo-none').waitFor();

    await choose(page, { name: '照片.png', mimeType: 'image/png', buffer: png(160, 197) });
    await card.getByTestId('photo-problem').getByText('不是 JPEG (JPG) 文件').waitFor();

    await choose(page, { name: '小照片.jpg', mimeType: 'image/jpeg', buffer: jpeg(100, 123) });
    await card.locator('[data-testid="photo-status"][data-status="rejected"]').waitFor();
    expect(await card.getByTestId('photo-reasons').textContent()).toContain('图像为 100 × 123 像素，至少须 154 × 189 像素');
    await screenshot(page, 'photo-rejected', viewport);

    await choose(page, { name: '证件照.jpg', mimeType: 'image/jpeg', buffer: jpeg(358, 441) });
    await card.locator('[data-testid="photo-status"][data-status="accepted"]').waitFor();
    expect(await card.getByTestId('photo-meta').textContent()).toContain('358 × 441 像素');
    expect(await card.getByTestId('photo-reasons').count()).toBe(0);
    const thumb = card.getByAltText('学生照片');
    await thumb.waitFor();
    const loadedWidth = (img: unknown) => {
      const loaded = img as { complete: boolean; naturalWidth: number };
      return loaded.complete && loaded.naturalWidth;
    };
    await expect.poll(() => thumb.evaluate(loadedWidth)).toBe(77);
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
    await page.getByText('照片已通过核验').waitFor();
    await screenshot(page, 'photo-accepted', viewport);

    // The thumbnail opens the full photo.
    await thumb.click();
    await expect.poll(() => page.locator('.ant-image-preview-img').evaluate(loadedWidth)).toBe(358);
    await screenshot(page, 'photo-preview', viewport);
  });
});

describe('a teacher', () => {
  it('sees the record masked and no photo card', async () => {
    const teacher = await open('desktop', 'teacher-th-shiyan');
    const registrar = await login('registrar-th-shiyan', teacher.url);
    const enrolled = await call<{ studentId: string }>('POST', '/v1/students', { url: teacher.url, token: registrar, body: newStudent({ name: '照片教师', classId: TH_CLASS }) });
    expect(enrolled.status).toBe(201);
    await teacher.page.goto(`${teacher.url}/students/${enrolled.body.studentId}`);
    await teacher.page.getByRole('heading', { name: '学籍档案' }).waitFor();
    expect(await teacher.page.getByTestId('photo-card').count()).toBe(0);
  });
});
