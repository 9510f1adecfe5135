// The student registry in a real browser: a registrar enrols a student (a wrong ID number is
// refused next to its field, then accepted), edits the phone and sees both in the history; a stale
// edit shows what someone else changed; a county admin searches; a teacher sees only its classes.
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openApp, screenshot, signIn, type Viewport } from '../support/browser.ts';
import { validIdNumber } from '../support/students.ts';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function open(viewport: Viewport, username: string, path = '/') {
  const app = await openApp(viewport);
  contexts.push(app.context);
  await signIn(app.page, app.url, username, path);
  return app;
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** Picks an option of an antd Select by typing its label. */
async function choose(page: Page, label: string, option: string) {
  const select = field(page, label);
  await select.click();
  if (await select.isEditable()) await select.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** The message antd shows under a form field. */
const fieldError = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: field(page, label) }).locator('.ant-form-item-explain-error');

describe.each<Viewport>(['desktop', 'phone'])('registrar on a %s', (viewport) => {
  it('enrols a student: a wrong ID number is refused next to its field, the fixed one accepted; edits the phone and sees both in the history', async () => {
    const { page } = await open(viewport, 'registrar-th-shiyan', '/students/new');
    await page.getByRole('heading', { name: '新生注册' }).waitFor();
    const idNumber = validIdNumber({ gender: '2' });
    const wrong = `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
    const name = `浏览器${viewport === 'phone' ? '甲' : '乙'}${String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 20000))}`;

    await field(page, '姓名').fill(name);
    await field(page, '身份证件号').fill(wrong);
    await choose(page, '性别', '女');
    await field(page, '出生日期').fill(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
    await field(page, '出生日期').press('Enter');
    await field(page, '出生地').fill('440106001000');
    await field(page, '籍贯').fill('440100');
    await choose(page, '民族', '汉族');
    await field(page, '户口所在地').fill('440106');
    await choose(page, '户口性质', '非农业');
    await choose(page, '班级', '一年级(2)班');
    await field(page, '现住址').fill('广东省广州市天河区华景路8号');
    await field(page, '通信地址').fill('广东省广州市天河区华景路8号');
    await field(page, '家庭地址').fill('广东省广州市天河区华景路8号');
    await field(page, '联系电话').fill('13800138000');
    await field(page, '邮政编码').fill('510000');
    await choose(page, '是否独生子女', '是');
    await page.getByRole('button', { name: '注册' }).click();

    await fieldError(page, '身份证件号').waitFor();
    expect(await fieldError(page, '身份证件号').textContent()).toContain('校验码错误');
    await screenshot(page, 'enrol-refused-id', viewport);

    await field(page, '身份证件号').fill(idNumber);
    // A valid ID number fills in birth date and sex.
    expect(await field(page, '出生日期').inputValue()).toBe(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL(/\/students\/[0-9a-f-]{36}$/);
    await page.getByTestId('national-no').waitFor();
    expect(await page.getByTestId('national-no').textContent()).toBe(`G${idNumber}`);
    await screenshot(page, 'student-record', viewport);

    await page.getByRole('button', { name: '修改' }).click();
    await field(page, '联系电话').fill('13911112222');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存，修改已记入变更历史').waitFor();
    await page.getByRole('button', { name: '变更历史' }).click();
    await page.getByTestId('history-entry').first().waitFor();
    const entries = page.getByTestId('history-entry');
    expect(await entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toMatch(/修改.*联系电话.*13800138000.*13911112222/);
    expect(await entries.nth(1).textContent()).toContain('新生注册');
    await screenshot(page, 'student-history', viewport);
  });
});

describe('editing a record someone else just changed', () => {
  it('tells the registrar, shows the new values and applies the edit on the new version', async () => {
    const first = await open('desktop', 'registrar-th-shiyan', '/students/demo-0005');
    await first.page.getByRole('button', { name: '修改' }).click();
    await field(first.page, '特长').fill('书法');

    // Meanwhile another registrar session saves the same record.
    const second = await open('desktop', 'registrar-th-shiyan', '/students/demo-0005');
    await second.page.getByRole('button', { name: '修改' }).click();
    await field(second.page, '特长').fill('围棋');
    await second.page.getByRole('button', { name: '保存修改' }).click();
    await second.page.getByText('已保存').waitFor();

    await first.page.getByRole('button', { name: '保存修改' }).click();
    await first.page.getByText('记录已被他人修改').waitFor();
    const dialog = first.page.getByRole('dialog');
    expect(await dialog.textContent()).toMatch(/特长.*书法.*围棋/);
    await screenshot(first.page, 'stale-edit', 'desktop');
    await dialog.getByRole('button', { name: '在最新记录上保存我的修改' }).click();
    await first.page.getByText('已保存').waitFor();
    await first.page.getByText('书法').first().waitFor();
  });
});

describe('searching and scopes', () => {
  it('lets a county admin search by name and by ID number, masked, and explains an empty result', async () => {
    const { page } = await open('desktop', 'tianhe-admin', '/students');
    await page.getByRole('heading', { name: '学生查询' }).waitFor();
    const search = page.getByLabel('查询学生');
    await search.fill('王');
    await search.press('Enter');
    // The county's list shows first; wait until the search's answer has replaced it.
    const names = () => page.locator('.ant-table-row td:nth-child(2)').allTextContents();
    const onlyWang = async () => {
      const shown = await names();
      return shown.length > 0 && shown.every((name) => name.startsWith('王'));
    };
    await expect.poll(onlyWang, { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'student-search', 'desktop');
    // Masked in lists, also the G number built from the ID number.
    expect(await page.locator('.ant-table-row td:nth-child(7)').first().textContent()).toMatch(/^\d{6}\*{8}/);
    await search.fill('淞凇不存在');
    await search.press('Enter');
    await page.getByTestId('no-results').waitFor();
    expect(await page.getByTestId('no-results').textContent()).toContain('形近字');
  });

  it('shows a teacher only the classes it teaches', async () => {
    const { page, url } = await open('phone', 'teacher-th-shiyan');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: '一年级(1)班' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '一年级(2)班' }).isVisible()).toBe(true);
    await page.getByRole('menuitem', { name: '一年级(1)班' }).click();
    await page.locator('.ant-list-item').first().waitFor();
    await screenshot(page, 'teacher-roster', 'phone');
    // Another class of the school: refused, and said so.
    await page.goto(`${url}/students?classId=2144010601-G2025-C01`);
    await page.getByText('无权访问').waitFor();
  });
});
