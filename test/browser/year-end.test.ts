// 学年末：升级、毕业 in a real browser, on a school of this file's own (promotion renames grades, and
// other suites rely on the demo schools' names): built through the API in 南山区, which no other
// browser suite lists, with a leaving 六年级 of two students, a 五年级 and a 四年级 of one each, and its registrar's
// account opened by the county. The registrar finds the page in its menu; graduation is refused
// while the school has an open case, which the page links to; once the case is withdrawn the
// graduation runs, the page follows the job to 已完成 (and still shows it after a reload, the job
// being in the address), and its result is the list of the grade's graduates, filtered 毕业. Then
// the promotion: the dialog names each grade's and class's new name, the job completes, the
// school's grades carry them, and a second promotion is refused as already done this school year.
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { call, login, type Reply } from '../support/api.ts';
import { openApp, pickDemoUser, screenshot, type Viewport } from '../support/browser.ts';
import { newStudent } from '../support/students.ts';

const COUNTY = '440305';
const SCHOOL = `29${String(Date.now() % 100_000_000).padStart(8, '0')}`;
const REGISTRAR = `ye-web-${SCHOOL}`;
const GRADUATES = ['毕业甲', '毕业乙'];

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function created<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answer = await reply;
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

let url: string;
let token: string;
let openCase: string;
/** The promotion the first test runs, which the phone opens by its address. */
let promotionJob: string | null = null;

beforeAll(async () => {
  url = inject('web').url;
  const county = await login('nanshan-admin', url);
  await created(call('POST', `/v1/orgs/${COUNTY}/children`, { url, token: county, body: { code: SCHOOL, name: '南山区学年末网页测试小学' } }));
  await created(call('POST', '/v1/users', { url, token: county, body: { username: REGISTRAR, role: 'school_registrar', orgId: SCHOOL, displayName: '学年末网页测试小学 学籍管理员' } }));
  token = await login(REGISTRAR, url);
  for (const [code, grade, cls] of [['2021', '2021级 (六年级)', '六年级(1)班'], ['2022', '2022级 (五年级)', '五年级(1)班'], ['2023', '2023级 (四年级)', '四年级(1)班']] as const) {
    await created(call('POST', `/v1/orgs/${SCHOOL}/children`, { url, token, body: { code, name: grade } }));
    await created(call('POST', `/v1/orgs/${SCHOOL}-G${code}/children`, { url, token, body: { code: '1', name: cls } }));
  }
  for (const name of GRADUATES) await created(call('POST', '/v1/students', { url, token, body: newStudent({ classId: `${SCHOOL}-G2021-C01`, name, enrolledOn: '2021-09' }) }));
  // A 四年级 that still moves after this year's promotion, so a second one has something to do and is refused for being the second.
  await created(call('POST', '/v1/students', { url, token, body: newStudent({ classId: `${SCHOOL}-G2023-C01`, name: '升级乙', enrolledOn: '2023-09' }) }));
  const staying = await created(call<{ studentId: string }>('POST', '/v1/students', { url, token, body: newStudent({ classId: `${SCHOOL}-G2022-C01`, name: '升级甲', enrolledOn: '2022-09' }) }));
  // An open case of the school: year-end batches wait for it.
  openCase = (await created(call<{ changeId: string }>('POST', '/v1/changes', { url, token, body: { type: 'leave', studentId: staying.studentId, reason: '病休', from: '2027-03-01', until: '2027-07-31' } }))).changeId;
});

async function open(viewport: Viewport): Promise<Page> {
  const { page, context } = await openApp(viewport);
  contexts.push(context);
  await page.goto(`${url}/login`);
  await pickDemoUser(page, REGISTRAR);
  return page;
}

/** From any page: the menu's 升级、毕业 (in the drawer on a phone). */
async function openYearEnd(page: Page, viewport: Viewport): Promise<void> {
  if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: '升级、毕业' }).click();
  await page.waitForURL((target) => target.pathname === `/schools/${SCHOOL}/year-end`);
  await page.getByTestId('year-end-grade').first().waitFor();
}

/** Waits for the job on screen to end, and answers its final status. */
async function jobEnded(page: Page): Promise<string> {
  const status = page.getByTestId('job-status').filter({ hasText: /已完成|失败/ });
  await status.waitFor();
  return (await status.textContent()) ?? '';
}

describe('year-end batches of a school', () => {
  it('graduation waits for the open case, then runs to 已完成 and lists the graduates; promotion renames the grades once', async () => {
    const page = await open('desktop');
    await openYearEnd(page, 'desktop');
    // What promotion would do, per grade: the leaving grade stays for graduation.
    expect(await page.getByTestId('year-end-grade').filter({ hasText: '2022级 (五年级)' }).textContent()).toContain('升为 2022级 (六年级)');
    expect(await page.getByTestId('year-end-grade').filter({ hasText: '2021级 (六年级)' }).textContent()).toContain('毕业年级，不升级');
    await screenshot(page, 'year-end', 'desktop');

    // The leaving grade is chosen already; the dialog says what graduation does to it.
    expect(await page.locator('.ant-select', { has: page.locator('#gradeId') }).textContent()).toContain('2021级 (六年级)');
    await page.getByRole('button', { name: '办理毕业' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('graduation-plan').textContent()).toContain('将把 2021级 (六年级) 的在籍学生 (含休学；该年级现有 2 名学生) 的学籍状态改为“毕业”');
    await screenshot(page, 'year-end-graduation-confirm', 'desktop');
    await dialog.getByRole('button', { name: '确认毕业' }).click();

    // Refused while the school has an open case: the case is named and linked.
    const refusal = page.getByTestId('year-end-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('本校还有 1 件未办结的学籍异动申请，办结或撤销后才能毕业');
    const caseLink = refusal.getByTestId('open-case');
    expect(await caseLink.textContent()).toBe('升级甲 · 休学申请');
    expect(await caseLink.getAttribute('href')).toBe(`/changes/${openCase}`);
    await screenshot(page, 'year-end-open-cases', 'desktop');

    // The registrar follows the link, withdraws the case, and comes back.
    await caseLink.click();
    await page.getByRole('button', { name: '撤销申请' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认撤销' }).click();
    await page.getByTestId('case-status').filter({ hasText: '已撤销' }).waitFor();
    await page.goBack();
    await page.getByTestId('year-end-grade').first().waitFor();

    await page.getByRole('button', { name: '办理毕业' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认毕业' }).click();
    await page.waitForURL((target) => target.searchParams.has('job'));
    const graduation = new URL(page.url()).searchParams.get('job');
    await page.getByTestId('job-progress').waitFor();
    expect(await jobEnded(page)).toBe('已完成');
    expect(await page.getByTestId('job-counts').textContent()).toBe('已处理 2 / 2 名学生');
    expect(await page.getByTestId('job-progress').textContent()).toContain('毕业：2021级 (六年级)');
    // The grades are read again: the graduated one has no one on roll.
    await page.getByTestId('year-end-grade').filter({ hasText: '2021级 (六年级)' }).filter({ hasText: '0 人' }).waitFor();
    await screenshot(page, 'year-end-job-done', 'desktop');

    // The job is in the address: a reload shows it again.
    await page.reload();
    expect(await jobEnded(page)).toBe('已完成');
    expect(new URL(page.url()).searchParams.get('job')).toBe(graduation);

    // Its result: the grade's graduates, in the list filtered 毕业.
    await page.getByTestId('job-result').click();
    await page.waitForURL((target) => target.pathname === '/students' && target.searchParams.get('status') === 'graduated');
    expect(new URL(page.url()).searchParams.get('grade')).toBe(`${SCHOOL}-G2021`);
    for (const name of GRADUATES) {
      const row = page.locator('.ant-table-row', { hasText: name });
      await row.waitFor();
      expect(await row.getByTestId('record-status').textContent()).toBe('毕业');
    }
    expect(await page.locator('.ant-table-row').count()).toBe(2);
    expect(await page.getByTestId('status-filter').textContent()).toContain('毕业');
    await screenshot(page, 'students-graduated', 'desktop');
    // On roll (the default) the grade has no one left.
    await page.getByTestId('status-filter').hover();
    await page.getByTestId('status-filter').locator('.ant-select-clear').click();
    await page.waitForURL((target) => !target.searchParams.has('status'));
    await page.getByText('该范围内没有学生').waitFor();

    // Promotion: the dialog names every new name; the job renames the grade and its class.
    await openYearEnd(page, 'desktop');
    await page.getByRole('button', { name: '学年升级' }).click();
    const plan = page.getByRole('dialog').getByTestId('promotion-plan');
    await plan.waitFor();
    expect(await plan.textContent()).toContain('2022级 (五年级) → 2022级 (六年级) (班级：五年级(1)班 → 六年级(1)班)');
    expect(await plan.textContent()).toContain('2021级 (六年级)：没有学生，名称不变');
    await screenshot(page, 'year-end-promotion-confirm', 'desktop');
    await page.getByRole('dialog').getByRole('button', { name: '确认升级' }).click();
    await page.waitForURL((target) => target.searchParams.has('job') && target.searchParams.get('job') !== graduation);
    promotionJob = new URL(page.url()).searchParams.get('job');
    expect(await jobEnded(page)).toBe('已完成');
    await page.getByTestId('year-end-grade').filter({ hasText: '2022级 (六年级)' }).waitFor();
    await page.getByTestId('job-result').click();
    await page.waitForURL((target) => target.pathname === `/orgs/${SCHOOL}`);
    await page.getByRole('link', { name: '2022级 (六年级)', exact: true }).first().waitFor();

    // Once a school year: a second promotion is refused, and says so.
    await openYearEnd(page, 'desktop');
    await page.getByRole('button', { name: '学年升级' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认升级' }).click();
    await page.getByTestId('year-end-refusal').getByText('本校本学年已经升级过，不能再次升级').waitFor();
    await screenshot(page, 'year-end-already-promoted', 'desktop');
  });

  it('reads on a phone: the grades as cards, a finished job kept in the address', async () => {
    const page = await open('phone');
    await openYearEnd(page, 'phone');
    await screenshot(page, 'year-end', 'phone');
    // The promotion above, opened by its address.
    expect(promotionJob).toBeTruthy();
    await page.goto(`${url}/schools/${SCHOOL}/year-end?job=${promotionJob}`);
    expect(await jobEnded(page)).toBe('已完成');
    await screenshot(page, 'year-end-job-done', 'phone');
  });
});
