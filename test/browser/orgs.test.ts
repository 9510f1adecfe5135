// 机构管理 in a real browser: a county bureau walks its tree down to a class, with the number of
// students at every level, and opens the class roster; a school registrar adds a class to a grade
// (a taken or malformed code is told next to the field) and opens a teacher account for it (a taken
// user name likewise), and the new teacher signs in to that class.
import { randomInt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openApp, pickDemoUser, screenshot, signIn, type Viewport } from '../support/browser.ts';
import { choose, fieldError } from './antd.ts';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** The 在籍学生 count of the node on screen. */
async function studentCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('org-student-count').locator('.ant-statistic-content-value').textContent())?.replace(/,/g, ''));
}

/** Opens a child by its name and waits for its page. */
async function openChild(page: Page, name: string, orgId: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.waitForURL((target) => target.pathname === `/orgs/${orgId}`);
  await page.getByTestId('org-name').filter({ hasText: name }).waitFor();
}

describe.each<Viewport>(['desktop', 'phone'])('on a %s', (viewport) => {
  it('a county bureau browses from its county to a class, with counts, and opens the roster', async () => {
    const { page, context, url } = await openApp(viewport);
    contexts.push(context);
    await signIn(page, url, 'tianhe-admin', '/orgs/440106');
    await page.getByTestId('org-name').filter({ hasText: '天河区' }).waitFor();
    expect(await studentCount(page)).toBeGreaterThan(0);
    await page.getByRole('link', { name: '广州市天河区第一实验小学', exact: true }).first().waitFor();
    // Its three schools, the vocational college included, each with its count.
    expect(await page.getByText(/^\d+ 人$/).count()).toBe(3);
    await screenshot(page, 'org-county', viewport);

    await openChild(page, '广州市天河区第一实验小学', '2144010601');
    expect(await page.getByTestId('org-trail').textContent()).toContain('天河区');
    expect(await studentCount(page)).toBeGreaterThan(0);
    await page.getByRole('link', { name: '2026级 (一年级)', exact: true }).first().waitFor();
    await screenshot(page, 'org-school', viewport);

    await openChild(page, '2026级 (一年级)', '2144010601-G2026');
    await page.getByRole('link', { name: '一年级(1)班', exact: true }).first().waitFor();
    await screenshot(page, 'org-grade', viewport);

    await openChild(page, '一年级(1)班', '2144010601-G2026-C01');
    expect(await page.getByTestId('org-trail').textContent()).toMatch(/天河区.*广州市天河区第一实验小学.*2026级 \(一年级\).*一年级\(1\)班/);
    expect(await studentCount(page)).toBeGreaterThan(0);
    await screenshot(page, 'org-class', viewport);

    await page.getByRole('button', { name: '查看学生名单' }).click();
    await page.waitForURL((target) => target.pathname === '/students' && target.searchParams.get('classId') === '2144010601-G2026-C01');
  });

  it('a registrar adds a class to a grade and opens a teacher account for it', async () => {
    const { page, context, url } = await openApp(viewport);
    contexts.push(context);
    // Each width works in a grade of its own, so the two runs never want the same class number.
    const year = viewport === 'desktop' ? '2024' : '2025';
    const gradeName = viewport === 'desktop' ? '三年级' : '二年级';
    const number = randomInt(10, 100);
    const className = `${gradeName}(${number})班`;
    await signIn(page, url, 'registrar-th-shiyan', `/orgs/2144010601-G${year}`);
    await page.getByTestId('org-name').waitFor();

    await page.getByRole('button', { name: '新增班级' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('班号，1 至 99').waitFor();
    await page.locator('#code').fill('100');
    await page.locator('#name').click();
    await fieldError(page, 'code', '班级代码应为1至99的班号');
    await page.locator('#code').fill('1');
    await page.locator('#name').fill(`${gradeName}(1)班`);
    await dialog.getByRole('button', { name: '新增班级' }).click();
    await fieldError(page, 'code', '代码为 01 的组织机构已存在');
    await screenshot(page, 'org-add-class-taken', viewport);
    await page.locator('#code').fill(String(number));
    await page.locator('#name').fill(className);
    await dialog.getByRole('button', { name: '新增班级' }).click();
    await page.getByText(`已新增班级：${className}`).waitFor();
    await page.getByRole('link', { name: className, exact: true }).first().waitFor();
    await screenshot(page, 'org-grade-class-added', viewport);

    // Teachers belong to the school: its 账号 tab, reached through the breadcrumb.
    await page.getByTestId('org-trail').getByRole('link', { name: '广州市天河区第一实验小学' }).click();
    await page.getByRole('tab', { name: '账号' }).click();
    await page.getByText('可在本机构开通：任课教师').waitFor();
    await page.getByRole('button', { name: '开通账号' }).click();
    await page.locator('#username').fill('teacher-th-shiyan');
    await page.locator('#displayName').fill(`${className}任课教师`);
    await choose(page, 'classIds', className);
    await page.getByRole('dialog').getByRole('button', { name: '开通账号' }).click();
    await fieldError(page, 'username', '已被占用');
    await screenshot(page, 'org-open-account-taken', viewport);
    const username = `t-${viewport}-${year}-${number}`;
    await page.locator('#username').fill(username);
    await page.getByRole('dialog').getByRole('button', { name: '开通账号' }).click();
    await page.getByText(`已开通任课教师账号：${className}任课教师（${username}）`).waitFor();
    // The list reads page by page; the new account may be on a later one.
    const row = page.getByText(username, { exact: true });
    const more = page.getByRole('button', { name: '加载更多' });
    for (;;) {
      await row.or(more).first().waitFor();
      if (await row.isVisible()) break;
      await more.click();
    }
    await screenshot(page, 'org-accounts', viewport);

    // The new teacher signs in and finds the new class in its menu.
    await page.getByRole('button', { name: /退出/ }).or(page.getByRole('button', { name: 'logout' })).first().click();
    await page.waitForURL(/\/login/);
    await pickDemoUser(page, username);
    if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: className }).waitFor();
  });
});
