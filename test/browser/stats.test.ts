// 统计 in a real browser: the 天河区 bureau opens 统计 from its menu and reads its students (the demo
// data, counted from the records' stream), the bars by grade, gender, ethnicity and special groups,
// and its schools side by side, then opens one school's own statistics; a school's registrar reads
// its school's on a phone; a teacher has no 统计 and is refused in words at its address.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, signedInPages, type Viewport } from '../support/browser.ts';

const open = signedInPages();

async function openStats(page: Page, viewport: Viewport): Promise<void> {
  if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: '统计' }).click();
  await page.waitForURL((target) => target.pathname === '/stats');
}

const shown = async (page: Page) => Number((await page.getByTestId('stats-students').locator('.ant-statistic-content-value').textContent())?.replaceAll(',', ''));

/** The students on roll as shown, once settled: the consumer may still be counting the demo data, so 刷新 until two reads agree. */
async function studentsShown(page: Page): Promise<number> {
  let last = -1;
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const count = await shown(page);
    if (count > 0 && count === last) return count;
    last = count;
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByRole('button', { name: '刷新' }).and(page.locator(':not(.ant-btn-loading)')).waitFor();
  }
  return 0;
}

describe('统计', () => {
  it('a county reads its totals, the bars and its schools, and opens a school', async () => {
    const { page } = await open('desktop', 'tianhe-admin');
    await openStats(page, 'desktop');
    const total = await studentsShown(page);
    expect(total).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 3 }).textContent()).toContain('天河区');
    expect(await page.getByTestId('stats-gender').textContent()).toMatch(/男\d+/);
    expect(await page.getByTestId('stats-grade').textContent()).toMatch(/\d{4}级\d+/);
    expect(await page.getByTestId('stats-ethnicity').textContent()).toContain('汉族');
    expect(await page.getByTestId('stats-special').count()).toBe(1);
    // Real charts (recharts' SVG), the numbers also written on the bars.
    for (const testId of ['stats-grade', 'stats-gender']) {
      await page.getByTestId(testId).locator('svg.recharts-surface').waitFor();
      expect(await page.getByTestId(testId).locator('svg.recharts-surface').count()).toBe(1);
    }
    expect(await page.getByTestId('stats-gender').locator('.recharts-label-list text').count()).toBeGreaterThanOrEqual(2);
    const schools = page.getByTestId('stats-children').locator('tbody tr.ant-table-row');
    expect(await schools.count()).toBeGreaterThanOrEqual(2);
    expect(await schools.first().textContent()).toMatch(/小学|中学|学校/);
    await screenshot(page, 'stats', 'desktop');

    await schools.first().getByRole('link').click();
    await page.waitForURL((target) => target.searchParams.has('orgId'));
    await page.getByTestId('stats-page').waitFor();
    const school = await studentsShown(page);
    expect(school).toBeGreaterThan(0);
    expect(school).toBeLessThanOrEqual(total);
    expect(await page.getByText('各年级').count()).toBe(1);
    await page.getByRole('link', { name: '返回本级' }).click();
    await page.waitForURL((target) => !target.searchParams.has('orgId'));
  });

  it('a school registrar reads its school on a phone', async () => {
    const { page } = await open('phone', 'registrar-th-shiyan');
    await openStats(page, 'phone');
    expect(await studentsShown(page)).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 3 }).textContent()).toContain('广州市天河区第一实验小学');
    await page.getByTestId('stats-grade').locator('svg.recharts-surface').waitFor();
    expect(await page.getByTestId('stats-grade').textContent()).toMatch(/\d{4}级\d+/);
    await screenshot(page, 'stats', 'phone');
  });

  it('a teacher has no 统计', async () => {
    const { page, url } = await open('desktop', 'teacher-th-shiyan');
    expect(await page.getByRole('menuitem', { name: '统计' }).count()).toBe(0);
    await page.goto(`${url}/stats`);
    await page.getByText('统计供学校学籍管理员和教育行政部门查看').waitFor();
  });
});
