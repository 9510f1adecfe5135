// 佐证材料 in a real browser, at both widths: a registrar files 休学 from the record and lands on the
// case page, which asks for the evidence. A file too large and a file of another type are refused
// in the browser, in words, before anything is sent. A real PNG goes up (a progress bar while it
// is sent), is checked by the stack and shows 已通过 with a thumbnail that opens a larger view; a
// PDF shows 打开 with its short-lived link; a text file named .png shows 未通过 with the check's
// reason. The county, the current step, sees the files. Once the case is withdrawn, nothing more
// can be added, and the card says so.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, login } from '../support/api.ts';
import { screenshot, signedInPages, type Viewport } from '../support/browser.ts';
import { pdf, png } from '../support/files.ts';
import { newStudent } from '../support/students.ts';

const TH_CLASS = '2144010601-G2025-C01';

const open = signedInPages();

const uniqueName = (prefix: string) => `${prefix}${Array.from({ length: 2 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 20000))).join('')}`;

/** Chooses files in the card's upload control, as picking them in the file dialog does. */
async function choose(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  await page.getByTestId('evidence-card').locator('input[type=file]').setInputFiles(files);
}

/** The row of a file, once its check has settled as expected. */
async function settled(page: Page, fileName: string, status: 'accepted' | 'rejected') {
  const row = page.locator(`[data-testid="evidence-item"][data-status="${status}"]`, { has: page.getByTestId('evidence-name').getByText(fileName, { exact: true }) });
  await row.waitFor();
  return row;
}

describe.each<Viewport>(['desktop', 'phone'])('evidence of a case on a %s', (viewport) => {
  it('is asked for after filing, checked in the browser, uploaded with progress, and shown checked', async () => {
    const name = uniqueName('佐证');
    const registrar = await open(viewport, 'registrar-th-shiyan');
    const enrolled = await call<{ studentId: string }>('POST', '/v1/students', { url: registrar.url, token: await login('registrar-th-shiyan', registrar.url), body: newStudent({ name, classId: TH_CLASS }) });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);

    // 休学 filed from the record: the case page the registrar lands on asks for the evidence.
    const { page } = registrar;
    await page.goto(`${registrar.url}/students/${enrolled.body.studentId}/changes/new?type=leave`);
    await page.locator('#from').fill('2027-03-01');
    await page.locator('#from').press('Tab');
    await page.locator('#until').fill('2027-07-31');
    await page.locator('#until').press('Tab');
    await page.locator('#reason').fill('因病需住院治疗，附医院证明');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await page.waitForURL((target) => /^\/changes\/[^/]+$/.test(target.pathname));
    const caseUrl = page.url();
    await page.getByTestId('evidence-ask').waitFor();
    await page.getByText('暂无佐证材料').waitFor();
    await screenshot(page, 'evidence-ask', viewport);

    // Refused in the browser, before anything is sent: too large, and not JPG, PNG or PDF.
    await choose(page, [
      { name: '诊断书扫描.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf(), Buffer.alloc(3 * 1024 * 1024)]) },
      { name: '诊断书.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') },
    ]);
    const problem = page.getByTestId('evidence-problem');
    await problem.getByText('超过 2 MB 的上限').waitFor();
    expect(await problem.textContent()).toContain('“诊断书.gif”不是 JPG、PNG 或 PDF 文件');
    await screenshot(page, 'evidence-refused', viewport);
    expect(await page.getByTestId('evidence-item').count()).toBe(0);
    expect(await page.getByTestId('evidence-sending').count()).toBe(0);

    // A real PNG and a PDF: each shows a progress bar while it is sent, then is checked and accepted.
    // Counts the moments a progress bar is on the page (run in the page; Node's types have no DOM, hence the string).
    await page.evaluate(`
      window.progressSeen = 0;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="evidence-progress"]')) window.progressSeen += 1;
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    `);
    await choose(page, [
      { name: '医院证明.png', mimeType: 'image/png', buffer: png(320) },
      { name: '诊断书.pdf', mimeType: 'application/pdf', buffer: pdf() },
    ]);
    const image = await settled(page, '医院证明.png', 'accepted');
    const pdfRow = await settled(page, '诊断书.pdf', 'accepted');
    expect(await page.evaluate<number>('window.progressSeen')).toBeGreaterThan(0);
    await page.getByTestId('evidence-problem').waitFor({ state: 'detached' });
    expect(await image.getByTestId('evidence-status').textContent()).toBe('已通过');
    // The thumbnail is the file's own bytes (fetched, shown from a blob: the page's CSP allows no other images).
    const thumb = image.locator('img');
    await expect.poll(() => thumb.evaluate((img) => { const loaded = img as unknown as { complete: boolean; naturalWidth: number }; return loaded.complete && loaded.naturalWidth; })).toBe(320);
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
    expect(await image.textContent()).toContain('PNG');
    const link = pdfRow.getByTestId('evidence-open');
    expect(await link.textContent()).toBe('打开');
    const href = new URL((await link.getAttribute('href'))!);
    expect(href.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(await link.getAttribute('target')).toBe('_blank');
    const download = await page.evaluate(async (target) => {
      const response = await fetch(target);
      return { status: response.status, type: response.headers.get('content-type'), start: (await response.text()).slice(0, 5) };
    }, href.toString());
    expect(download).toEqual({ status: 200, type: 'application/pdf', start: '%PDF-' });
    await screenshot(page, 'evidence-accepted', viewport);

    // The thumbnail opens a larger view.
    await thumb.click();
    const preview = page.locator('.ant-image-preview-img');
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img) => img.getBoundingClientRect().width)).toBeGreaterThan(200);
    await screenshot(page, 'evidence-preview', viewport);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    // A text file named .png passes the browser's check (its name and type), and the stack's check of its bytes refuses it.
    await choose(page, [{ name: '照片.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片，只是一段文字。\n') }]);
    const fake = await settled(page, '照片.png', 'rejected');
    expect(await fake.getByTestId('evidence-status').textContent()).toBe('未通过');
    expect(await fake.getByTestId('evidence-reason').textContent()).toContain('文件内容不是 JPG、PNG 或 PDF 格式');
    await screenshot(page, 'evidence-rejected', viewport);

    if (viewport === 'phone') return;

    // 天河区, whose step is current, sees the files with the thumbnail and may add its own.
    const county = await open('desktop', 'tianhe-admin', new URL(caseUrl).pathname);
    await settled(county.page, '医院证明.png', 'accepted');
    await expect.poll(() => county.page.locator('[data-testid="evidence-item"][data-status="accepted"] img').first().evaluate((img) => { const loaded = img as unknown as { complete: boolean; naturalWidth: number }; return loaded.complete && loaded.naturalWidth; })).toBe(320);
    await county.page.getByTestId('evidence-upload').waitFor();

    // Withdrawn, the case takes no more files: the card says why instead of offering the upload.
    await page.getByRole('button', { name: '撤销申请' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认撤销' }).click();
    await page.getByTestId('case-status').filter({ hasText: '已撤销' }).waitFor();
    await page.getByTestId('evidence-card').getByText('申请已办结，不能再上传材料。').waitFor();
    expect(await page.getByTestId('evidence-upload').count()).toBe(0);
    expect(await page.getByTestId('evidence-item').count()).toBe(3);
  });
});
