// 学信网注册设置 in a real browser, on the demo college (seeded with settings: institution code
// 90603, each grade 510201 计算机应用技术 专科 3 年). Its registrar opens the page from the menu and
// sees the seeded values, renames one grade's major, saves, and finds it kept after a reload; a
// 5-digit 专业代码 is refused at its field in words and nothing is sent; a refusal by the API lands
// at its field too. Then the name is put back, so the seed stays as other suites read it
// (test/integration/chsi.test.ts; an afterAll puts the whole settings back should a step fail), and
// a grade is shown 未设置 without saving. The county reads the page without a save button; a
// teacher is told in words it may not.
import { isDeepStrictEqual } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, login } from '../support/api.ts';
import { screenshot, signedInPages } from '../support/browser.ts';

const SCHOOL = '4144010603';
const REGISTRAR = 'registrar-th-zhiye';
const PATH = `/schools/${SCHOOL}/registration`;
const G2026 = `${SCHOOL}-G2026`;
const G2025 = `${SCHOOL}-G2025`;
const G2024 = `${SCHOOL}-G2024`;

interface Programme {
  majorCode: string;
  majorName: string;
  level: string;
  studyForm: string;
  years: number;
  department?: string;
  station?: string;
}
interface Settings {
  institutionCode: string;
  schoolName: string;
  schoolType: string;
  adultEducation: boolean;
  grades: Record<string, Programme>;
  updatedAt?: string;
  updatedBy?: string;
}

const open = signedInPages();

let url: string;
let token: string;
/** The settings as the seed left them (without who saved them when). */
let original: Settings;

async function readSettings(): Promise<Settings> {
  const reply = await call<{ settings: Settings | null }>('GET', `/v1/schools/${SCHOOL}/registration`, { url, token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body.settings).not.toBeNull();
  const { updatedAt: _at, updatedBy: _by, ...settings } = reply.body.settings!;
  return settings;
}

beforeAll(async () => {
  url = inject('web').url;
  token = await login(REGISTRAR, url);
  original = await readSettings();
});

afterAll(async () => {
  // Only if a step failed before the page put the name back.
  if (isDeepStrictEqual(await readSettings(), original)) return;
  const reply = await call('PUT', `/v1/schools/${SCHOOL}/registration`, { url, token, body: original });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
});

const grade = (page: Page, gradeId: string) => page.locator(`[data-testid="registration-grade"][data-grade-id="${gradeId}"]`);
/** The form item labelled so, in a grade's card or the whole form. */
const item = (scope: Locator, label: string) => scope.locator('.ant-form-item', { has: scope.page().getByLabel(label, { exact: true }) });
/** The text an antd select shows. */
const selected = (scope: Locator, label: string) => item(scope, label).locator('.ant-select-content');
const errorAt = (scope: Locator, label: string, text: string) => item(scope, label).locator('.ant-form-item-explain-error', { hasText: text });

describe('学信网注册设置 in the browser', () => {
  it('shows the seeded settings, saves a grade’s renamed major, refuses a bad code at its field, and is put back', async () => {
    const { page } = await open('desktop', REGISTRAR);
    await page.getByRole('menuitem', { name: '学信网注册设置' }).click();
    await page.waitForURL((target) => target.pathname === PATH);
    await page.getByRole('heading', { name: '学信网注册设置' }).waitFor();
    await page.getByText('学信网电子注册：新生、学年、毕业生注册文件和毕业证书编号').waitFor();

    // The seeded values: the institution, and each grade's programme.
    await grade(page, G2026).waitFor();
    expect(await page.getByLabel('院校代码').inputValue()).toBe('90603');
    expect(await page.getByLabel('院校名称').inputValue()).toBe(original.schoolName);
    expect(await selected(page.locator('form'), '办学类型').textContent()).toBe('1 普通高等教育');
    expect(await page.getByLabel('成人教育').getAttribute('aria-checked')).toBe('false');
    for (const gradeId of Object.keys(original.grades)) {
      const card = grade(page, gradeId);
      await card.getByText('已设置').waitFor();
      expect(await card.getByLabel('专业代码').inputValue()).toBe('510201');
      expect(await card.getByLabel('专业名称').inputValue()).toBe('计算机应用技术');
      expect(await selected(card, '层次').textContent()).toBe('06 专科');
      expect(await card.getByLabel('学制').inputValue()).toBe('3');
      expect(await card.getByLabel('学习形式').inputValue()).toBe('普通全日制');
    }
    await screenshot(page, 'registration', 'desktop');

    // One grade's 专业名称 changed and saved; a reload shows it kept.
    const renamed = `计算机应用技术 (浏览器测试 ${Date.now() % 10_000})`;
    await grade(page, G2026).getByLabel('专业名称').fill(renamed);
    await page.getByTestId('registration-save').click();
    await page.getByText('学信网注册设置已保存').waitFor();
    await page.getByTestId('registration-updated').waitFor();
    expect((await readSettings()).grades[G2026]?.majorName).toBe(renamed);
    await page.reload();
    await grade(page, G2026).waitFor();
    expect(await grade(page, G2026).getByLabel('专业名称').inputValue()).toBe(renamed);
    expect(await grade(page, G2025).getByLabel('专业名称').inputValue()).toBe('计算机应用技术');

    // A 5-digit 专业代码 is refused at its field, in words, and nothing is sent.
    const puts: string[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'PUT' && sent.url().includes('/registration')) puts.push(sent.url());
    });
    await grade(page, G2026).getByLabel('专业代码').fill('51020');
    await page.getByTestId('registration-save').click();
    await errorAt(grade(page, G2026), '专业代码', '专业代码应为 6 位数字').waitFor();
    await screenshot(page, 'registration-error', 'desktop');
    expect(puts).toEqual([]);
    expect((await readSettings()).grades[G2026]?.majorCode).toBe('510201');

    // The API's refusal of a field lands next to it, and one the form has no field for above it (answered here by the test).
    await grade(page, G2026).getByLabel('专业代码').fill('510201');
    await page.route('**/v1/schools/*/registration', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      await route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'VALIDATION_FAILED',
            message: '层次应为 01 博士、02 硕士、04 第二学士、05 本科 或 06 专科；本校没有该年级',
            fields: [
              { path: `grades.${G2025}.level`, code: 'invalid_code', message: '层次应为 01 博士、02 硕士、04 第二学士、05 本科 或 06 专科' },
              { path: `grades.${SCHOOL}-G1999`, code: 'unknown_grade', message: '本校没有该年级' },
            ],
          },
        }),
      });
    });
    await page.getByTestId('registration-save').click();
    await errorAt(grade(page, G2025), '层次', '层次应为 01 博士').waitFor();
    expect(await page.getByTestId('registration-problem').textContent()).toContain('本校没有该年级');
    await page.unroute('**/v1/schools/*/registration');

    // Put back as the seed had it: saved, and the settings are the seed's again.
    await grade(page, G2026).getByLabel('专业名称').fill('计算机应用技术');
    await page.getByTestId('registration-save').click();
    await page.getByText('学信网注册设置已保存').waitFor();
    await expect.poll(async () => (await readSettings()).grades[G2026]?.majorName).toBe('计算机应用技术');
    expect(await readSettings()).toEqual(original);

    // A grade without a programme is allowed and shown as 未设置 (not saved here); set again, it has its values back.
    await grade(page, G2024).getByTestId('registration-clear').click();
    await grade(page, G2024).getByText('未设置', { exact: true }).waitFor();
    await grade(page, G2024).getByTestId('registration-unset').waitFor();
    expect(await grade(page, G2024).getByLabel('专业名称').count()).toBe(0);
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await screenshot(page, 'registration-unset', 'desktop');
    await grade(page, G2024).getByTestId('registration-choose').click();
    expect(await grade(page, G2024).getByLabel('专业代码').inputValue()).toBe('510201');

    // On a phone the page reads in one column, nothing wider than the screen.
    const phone = await open('phone', REGISTRAR, PATH);
    await grade(phone.page, G2026).waitFor();
    expect(await grade(phone.page, G2026).getByLabel('专业名称').inputValue()).toBe('计算机应用技术');
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'registration', 'phone');
  });

  it('lets the county read the settings without saving, and tells a teacher in words it may not', async () => {
    const county = await open('desktop', 'tianhe-admin', PATH);
    await grade(county.page, G2026).waitFor();
    await county.page.getByText('只有本校的学籍管理员可以修改这些设置').waitFor();
    expect(await county.page.getByTestId('registration-save').count()).toBe(0);
    expect(await grade(county.page, G2026).getByLabel('专业名称').isDisabled()).toBe(true);

    const teacher = await open('desktop', 'teacher-th-zhiye', PATH);
    await teacher.page.getByText('无权访问').waitFor();
    await teacher.page.getByText('您的角色不能查看学信网注册设置').waitFor();
    await screenshot(teacher.page, 'registration-refused', 'desktop');
  });
});
