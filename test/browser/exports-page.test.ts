// 导出 in a real browser. The registrar of 天河区第一实验小学 opens 导出 from its menu, walks the
// 机构 tree down to a class (年级 → 班级), exports the class's 学生名册 as Excel, follows it to 完成
// and downloads it (a real workbook with the class's students); saves a 定时导出 每周一 7:00 and
// reads its next run (a Monday, 07:00 China time); has it run now through the local stack's
// `POST /local/schedules/{id}/run`, and after a reload finds a second file tagged 定时, made and
// downloadable; then deletes the schedule. The 天河区 bureau, on a phone, exports a school's
// roster as CSV, is told in words that 学籍照片 is not made of a school and that a rule running
// every five minutes is refused. A teacher has no 导出, and is refused in words at its address.
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { fieldError } from './antd.ts';
import { screenshot, signedInPages, type Viewport } from '../support/browser.ts';

const SCHOOL = '广州市天河区第一实验小学';
const GRADE = '2026级 (一年级)';
const CLASS = '一年级(1)班';
const CLASS_ID = '2144010601-G2026-C01';

const open = signedInPages();

async function openExports(page: Page, viewport: Viewport): Promise<void> {
  if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: '导出' }).click();
  // The drawer gives the focus back to its button once closed: a popup opened before then would close.
  if (viewport === 'phone') await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
  await page.waitForURL((target) => target.pathname === '/exports');
  await page.getByTestId('exports-page').waitFor();
}

/** Until a popup has ended its entrance and stopped moving (it grows, and may flip, as a level of the tree arrives). */
async function settled(popup: Locator): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const box = JSON.stringify(await popup.boundingBox());
    const moving = /-(enter|appear|leave)/.test((await popup.getAttribute('class')) ?? '');
    if (!moving && box === last) return;
    last = box;
    await popup.page().waitForTimeout(100);
  }
}

/** Opens 机构 and walks the tree: each name but the last is expanded, the last is chosen. */
async function chooseOrg(page: Page, names: string[]): Promise<void> {
  await page.locator('#orgId').click();
  const popup = page.locator('.ant-select-dropdown:visible');
  const node = (name: string) => popup.locator('.ant-select-tree-treenode').filter({ has: page.locator('.ant-select-tree-title', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) }) });
  for (const name of names) {
    await node(name).waitFor();
    await settled(popup);
    if (name === names.at(-1)) break;
    const switcher = node(name).locator('.ant-select-tree-switcher');
    if ((await switcher.getAttribute('class'))?.includes('switcher_close')) await switcher.click();
  }
  await node(names.at(-1)!).locator('.ant-select-tree-node-content-wrapper').click();
  await popup.waitFor({ state: 'hidden' });
}

/** A choice of 格式 (radio buttons). */
const chooseFormat = (page: Page, label: string) => page.locator('#format label', { hasText: new RegExp(`^${label}$`) }).click();

/** The bytes of a download (the browser runs as a server elsewhere: read through the stream, not a path). */
async function bytesOf(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** 下载 in a row: the browser saves the file the fresh link answers. */
async function download(page: Page, row: Locator): Promise<{ name: string; bytes: Buffer; url: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), row.getByTestId('export-download').click()]);
  return { name: file.suggestedFilename(), bytes: await bytesOf(file), url: file.url() };
}

const rows = (page: Page) => page.getByTestId('export-row');

describe('导出', () => {
  it('a registrar exports a class roster, downloads it, schedules it, runs it now and deletes the schedule', async () => {
    const { page } = await open('desktop', 'registrar-th-shiyan');
    await openExports(page, 'desktop');
    expect(await page.getByRole('heading', { level: 3 }).textContent()).toContain(SCHOOL);

    await chooseOrg(page, [SCHOOL, GRADE, CLASS]);
    await page.waitForURL((target) => target.searchParams.get('orgId') === CLASS_ID);
    await page.getByTestId('exports-org').filter({ hasText: `${SCHOOL} / ${GRADE} / ${CLASS}` }).waitFor();
    await page.getByTestId('export-list').locator('.ant-table, .ant-empty').first().waitFor();
    const before = await rows(page).count();

    // 学生名册 is the usual choice; Excel its usual format (chosen all the same).
    expect(await page.locator('.ant-form-item', { has: page.locator('#kind') }).textContent()).toContain('学生名册');
    await chooseFormat(page, 'Excel');
    await page.getByTestId('export-start').click();
    await page.getByText('已开始导出学生名册').waitFor();
    await expect.poll(() => rows(page).count()).toBe(before + 1);
    const made = rows(page).first();
    expect(await made.textContent()).toContain('学生名册');
    expect(await made.textContent()).toContain('Excel');
    expect(await made.textContent()).toContain('学籍管理员');
    expect(await made.textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect.poll(() => made.getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    expect(await made.getByTestId('export-status').textContent()).toBe('完成');
    expect(await made.textContent()).toMatch(/\d+(\.\d)? (B|KB|MB)/);

    const file = await download(page, made);
    expect(file.url).toContain('X-Amz-Expires=300');
    expect(file.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBeGreaterThan(1);

    // 定时导出 每周一 7:00: its next run is a Monday at 07:00, China time.
    await page.locator('#cron').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '每周一 7:00' }).click();
    expect(await page.locator('#cron').inputValue()).toBe('0 7 * * 1');
    await page.getByTestId('schedule-save').click();
    const schedule = page.getByTestId('schedule-row').first();
    await schedule.waitFor();
    expect(await schedule.getByTestId('schedule-rule').textContent()).toBe('每周一 7:000 7 * * 1');
    expect(await schedule.textContent()).toContain('学生名册');
    expect(await schedule.textContent()).toContain('尚未运行');
    const next = (await schedule.getByTestId('schedule-next').textContent()) ?? '';
    const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2}) 07:00$/.exec(next) ?? [];
    expect(year, next).toBeDefined();
    expect(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()).toBe(1);
    const scheduleId = await schedule.getAttribute('data-schedule-id');
    expect(scheduleId).toBeTruthy();

    // Run now, as the scheduler would at its time; the run is another file of the list, tagged 定时.
    const run = await fetch(`${inject('web').url}/local/schedules/${scheduleId}/run`, { method: 'POST' });
    expect(run.status, await run.clone().text()).toBe(200);
    await page.reload();
    const scheduled = page.locator('[data-testid="export-row"][data-scheduled="true"]');
    await scheduled.first().waitFor();
    expect(await rows(page).count()).toBe(before + 2);
    expect(await scheduled.count()).toBe(1);
    expect(await scheduled.getByTestId('export-scheduled').textContent()).toBe('定时');
    await page.locator('[data-testid="export-row"][data-scheduled="true"][data-status="succeeded"]').waitFor({ timeout: 60_000 });
    expect((await download(page, scheduled)).name).toMatch(/\.xlsx$/);
    expect(await page.getByTestId('schedule-row').first().textContent()).not.toContain('尚未运行');
    await page.mouse.move(0, 0);
    await screenshot(page, 'exports', 'desktop');

    // Deleted behind a confirmation; its files stay.
    await page.getByTestId('schedule-row').first().getByTestId('schedule-delete').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '删除' }).click();
    await page.getByText('该机构还没有定时导出').waitFor();
    expect(await rows(page).count()).toBe(before + 2);
  });

  it('a county bureau exports a school roster as CSV on a phone, and is told in words what it cannot do', async () => {
    const { page } = await open('phone', 'tianhe-admin');
    await openExports(page, 'phone');
    expect(await page.getByRole('heading', { level: 3 }).textContent()).toContain('天河区');

    await chooseOrg(page, ['天河区', SCHOOL]);
    await page.getByTestId('exports-org').filter({ hasText: SCHOOL }).waitFor();
    await page.getByTestId('export-list').locator('.ant-table, .ant-empty').first().waitFor();
    const before = await page.locator('[data-testid="export-row"][data-kind="roster"]').count();
    await chooseFormat(page, 'CSV');
    await page.getByTestId('export-start').click();
    const roster = page.locator('[data-testid="export-row"][data-kind="roster"]');
    await expect.poll(() => roster.count()).toBe(before + 1);
    await expect.poll(() => roster.first().getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    expect(await roster.first().textContent()).toContain('CSV');
    expect((await download(page, roster.first())).name).toMatch(/\.csv$/);

    // 学籍照片 is made of a class or a grade: said beside 机构, and the API's refusal under it.
    await page.locator('#kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^学籍照片$/ }).click();
    await page.getByText('学籍照片不能按学校导出，请选择班级、年级').waitFor();
    expect(await page.locator('#format').textContent()).toBe('ZIP');
    await page.getByTestId('export-start').click();
    await fieldError(page, 'orgId', '学籍照片按班级、年级导出，不能按学校导出');

    // A rule every five minutes is refused in words under 定时规则.
    await page.locator('#kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^学生名册$/ }).click();
    await page.locator('#cron').fill('*/5 * * * *');
    await page.keyboard.press('Escape');
    await page.getByTestId('schedule-save').click();
    await fieldError(page, 'cron', '每小时至多一次');

    // A schedule shown on the phone, then deleted.
    await page.locator('#cron').fill('0 7 1 * *');
    await page.keyboard.press('Escape');
    await page.getByText('每月 1 日 7:00 (北京时间)').waitFor();
    await page.getByTestId('schedule-save').click();
    await page.getByTestId('schedule-row').first().waitFor();
    expect(await page.getByTestId('schedule-row').first().getByTestId('schedule-rule').textContent()).toContain('每月 1 日 7:00');
    // The picture without the passing 已保存 notice.
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await screenshot(page, 'exports', 'phone');
    await page.getByTestId('schedule-row').first().getByTestId('schedule-delete').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '删除' }).click();
    await page.getByText('该机构还没有定时导出').waitFor();
  });

  it('a teacher has no 导出', async () => {
    const { page, url } = await open('desktop', 'teacher-th-shiyan');
    expect(await page.getByRole('menuitem', { name: '导出' }).count()).toBe(0);
    await page.goto(`${url}/exports`);
    await page.getByText('导出供学校学籍管理员和教育行政部门使用').waitFor();
  });
});
