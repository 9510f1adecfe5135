// 学籍异动 in a real browser, each party acting from its own 待办业务: a transfer across two
// counties filed by the receiving school (a wrong name refused without saying which part is
// wrong), approved in order by the receiving county, the sending school and the sending county,
// each page following the case as the queue hands it on (a second window of a party that already
// decided is told so); the student then sits in the receiving school's class roster with the
// transfer in its history. And on a phone: a registrar files 休学 from the record (a refusal under
// its field, then an open case that blocks another), the county sends it back with a reason, the
// registrar reads 已退回 and the reason.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, login } from '../support/api.ts';
import { screenshot, SCREENSHOTS, signedInPages, type Viewport } from '../support/browser.ts';
import { newStudent } from '../support/students.ts';
import { choose, fieldError } from './antd.ts';

const TH_SCHOOL = '2144010601';
const YX_CLASS = '2144010401-G2025-C01';

const open = signedInPages();

/** A name no other test uses: two rare-enough characters after a prefix. */
const uniqueName = (prefix: string) => `${prefix}${Array.from({ length: 2 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 20000))).join('')}`;

/** Enrols a fresh student of 天河区第一实验小学, 二年级(1)班, through the API. */
async function enrol(url: string, name: string): Promise<{ studentId: string; nationalStudentNo: string }> {
  const reply = await call<{ studentId: string; nationalStudentNo: string }>('POST', '/v1/students', {
    url,
    token: await login('registrar-th-shiyan', url),
    body: newStudent({ name, classId: `${TH_SCHOOL}-G2025-C01` }),
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** Waits until the page shows a case (/changes/<id>, not 转入申请 or a form). */
const caseOpened = (page: Page) => page.waitForURL((url) => /^\/changes\/(?!transfer-in$)[^/]+$/.test(url.pathname));

/** From any page: the menu's 待办业务 (in the drawer on a phone), then the student's case. */
async function openFromInbox(page: Page, viewport: Viewport, studentName: string, shotName?: string): Promise<void> {
  if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: /待办业务/ }).click();
  await page.getByRole('heading', { name: '待办业务' }).waitFor();
  const task = page.getByTestId('task-link').filter({ hasText: studentName });
  await task.waitFor();
  if (shotName) await screenshot(page, shotName, viewport);
  await task.click();
  await caseOpened(page);
  await page.getByTestId('case-steps').waitFor();
}

/** The n-th approving step of the case on screen (0 = the first after the application). */
const step = (page: Page, index: number) => page.getByTestId('case-step').nth(index);

/** 审核通过 with a comment; the page then follows the queue until the case has moved on. */
async function approve(page: Page, comment: string): Promise<void> {
  await page.getByRole('button', { name: '审核通过' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('审核意见 (选填)').fill(comment);
  await dialog.getByRole('button', { name: '确认通过' }).click();
  await page.getByText('已审核通过').first().waitFor();
  await page.getByRole('button', { name: '审核通过' }).waitFor({ state: 'detached' });
}

describe('a transfer across two counties', () => {
  it('is filed by the receiving school and approved in order, each party from its inbox', async () => {
    const name = uniqueName('转学');
    const student = await enrol(inject('web').url, name);

    // The receiving school (越秀区东风路小学) files from 转入申请; a wrong name is refused without saying which part.
    const receiving = await open('desktop', 'registrar-yx-dongfeng', '/');
    await receiving.page.getByRole('menuitem', { name: '转入申请' }).click();
    await receiving.page.getByRole('heading', { name: '转入申请' }).waitFor();
    await receiving.page.locator('#nationalStudentNo').fill(student.nationalStudentNo);
    await receiving.page.locator('#name').fill(`${name}错`);
    await choose(receiving.page, 'toClassId', '二年级(1)班');
    await receiving.page.locator('#reason').fill('随父母工作调动迁居越秀区');
    await receiving.page.getByRole('button', { name: '提交转学申请' }).click();
    await receiving.page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    const refused = receiving.page.getByTestId('filing-problem');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('未找到该学生');
    await screenshot(receiving.page, 'transfer-in-not-found', 'desktop');

    await receiving.page.locator('#name').fill(name);
    await receiving.page.getByRole('button', { name: '提交转学申请' }).click();
    const confirm = receiving.page.getByRole('dialog');
    await confirm.getByTestId('target-class').filter({ hasText: '二年级(1)班' }).waitFor();
    await screenshot(receiving.page, 'transfer-in-confirm', 'desktop');
    await confirm.getByRole('button', { name: '确认提交' }).click();
    await caseOpened(receiving.page);
    const caseUrl = receiving.page.url();
    await receiving.page.getByText('转学申请已提交，等待越秀区审核').waitFor();
    expect(await receiving.page.getByTestId('case-status').textContent()).toBe('审核中');
    // Before approval the receiving school sees nothing of the record: the name is not a link.
    await receiving.page.getByText('学籍档案在转出学校，转学审核通过后可在本校查看').waitFor();
    expect(await receiving.page.getByTestId('case-student').evaluate((node) => node.tagName)).toBe('SPAN');
    expect(await step(receiving.page, 0).textContent()).toContain('办理中');
    await screenshot(receiving.page, 'change-filed', 'desktop');

    // 越秀区 (receiving county): its home counts the step, its inbox opens the case.
    const yuexiu = await open('desktop', 'yuexiu-admin');
    await expect.poll(async () => (await yuexiu.page.getByTestId('pending-changes').textContent()) ?? '').toMatch(/待办业务 [1-9]\d* 条/);
    await screenshot(yuexiu.page, 'home-county-tasks', 'desktop');
    await yuexiu.page.getByRole('menuitem', { name: /待办业务/ }).click();
    await yuexiu.page.getByTestId('task-link').filter({ hasText: name }).waitFor();
    await screenshot(yuexiu.page, 'tasks', 'desktop');
    await yuexiu.page.getByTestId('task-link').filter({ hasText: name }).click();
    await yuexiu.page.getByTestId('case-steps').waitFor();
    await approve(yuexiu.page, '同意转入');
    // The page follows the queue: the sending school's step opens without a reload.
    await step(yuexiu.page, 1).getByText('办理中').waitFor();
    expect(await step(yuexiu.page, 0).textContent()).toContain('同意转入');

    // 天河区第一实验小学 (sending school): sees the record, approves. A second window of the same
    // school, left open on the case, then finds its step already decided, is told so and refreshed.
    const sending = await open('desktop', 'registrar-th-shiyan');
    await openFromInbox(sending.page, 'desktop', name);
    // The sending school keeps its record until the end: the name links to it.
    await sending.page.locator('a[data-testid="case-student"]').waitFor();
    const stale = await open('desktop', 'registrar-th-shiyan', new URL(sending.page.url()).pathname);
    await stale.page.getByRole('button', { name: '审核通过' }).waitFor();
    await approve(sending.page, '同意转出');
    await step(sending.page, 2).getByText('办理中').waitFor();
    await stale.page.getByRole('button', { name: '审核通过' }).click();
    await stale.page.getByRole('dialog').getByRole('button', { name: '确认通过' }).click();
    expect(await stale.page.getByTestId('decision-problem').textContent()).toContain('这一步已由他人办理，或已转到下一步');
    await step(stale.page, 2).getByText('办理中').waitFor();
    expect(await stale.page.getByRole('button', { name: '审核通过' }).count()).toBe(0);
    await screenshot(stale.page, 'change-step-not-current', 'desktop');

    // 天河区 (sending county): the last step; the case completes and the record moves.
    const tianhe = await open('desktop', 'tianhe-admin');
    await openFromInbox(tianhe.page, 'desktop', name);
    await screenshot(tianhe.page, 'change-decide', 'desktop');
    await approve(tianhe.page, '同意');
    await tianhe.page.getByTestId('case-status').filter({ hasText: '已通过' }).waitFor();
    await screenshot(tianhe.page, 'change-approved', 'desktop');

    // The receiving school: the student in its class roster, the transfer in the record's history.
    await receiving.page.goto(caseUrl);
    await receiving.page.getByTestId('case-status').filter({ hasText: '已通过' }).waitFor();
    await receiving.page.goto(`${receiving.url}/students?classId=${YX_CLASS}`);
    // Lists mask the number (a G number holds the ID number): the row is found by the name.
    await receiving.page.locator('.ant-table-row', { hasText: name }).getByRole('link').first().click();
    await receiving.page.getByTestId('national-no').waitFor();
    expect(await receiving.page.getByTestId('record-status').first().textContent()).toBe('在籍');
    await receiving.page.getByTestId('student-changes').getByText('已通过').waitFor();
    await screenshot(receiving.page, 'student-record-transferred', 'desktop');
    await receiving.page.getByRole('button', { name: '变更历史' }).click();
    const latest = receiving.page.getByTestId('history-entry').first();
    // The schools by name once read (the old one as the case names it: it is outside this school's scope).
    await latest.getByText('广州市越秀区东风路小学', { exact: true }).waitFor();
    await latest.getByText('广州市天河区第一实验小学', { exact: true }).waitFor();
    expect(await latest.textContent()).toMatch(/学籍异动：转学.*学校.*广州市天河区第一实验小学.*广州市越秀区东风路小学/);
    expect(await latest.getByTestId('history-change-link').getAttribute('href')).toBe(new URL(caseUrl).pathname);
    await screenshot(receiving.page, 'student-history-transfer', 'desktop');

    // 异动查询 lists it for the receiving school.
    await receiving.page.getByRole('menuitem', { name: '异动查询' }).click();
    await receiving.page.getByTestId('change-row').filter({ hasText: name }).getByText('已通过').waitFor();
    await screenshot(receiving.page, 'change-list', 'desktop');
  });
});

describe('on a phone, a leave sent back', () => {
  it('is filed from the record, rejected by the county with a reason, and read back by the registrar', async () => {
    const name = uniqueName('休学');
    const registrar = await open('phone', 'registrar-th-shiyan');
    const student = await enrol(registrar.url, name);

    await registrar.page.goto(`${registrar.url}/students/${student.studentId}`);
    await registrar.page.getByTestId('record-status').filter({ hasText: '在籍' }).waitFor();
    await registrar.page.getByRole('button', { name: '办理异动' }).click();
    // Only what 在籍 allows: no 复学.
    await registrar.page.getByRole('menuitem', { name: '休学' }).waitFor();
    expect(await registrar.page.getByRole('menuitem', { name: '复学' }).count()).toBe(0);
    await registrar.page.getByRole('menuitem', { name: '休学' }).click();
    await registrar.page.getByText('休学申请', { exact: true }).waitFor();

    // An end before the start: the API's refusal under 休学结束日期.
    await registrar.page.locator('#from').fill('2027-03-01');
    await registrar.page.locator('#from').press('Tab');
    await registrar.page.locator('#until').fill('2027-01-31');
    await registrar.page.locator('#until').press('Tab');
    await registrar.page.locator('#reason').fill('因病需住院治疗');
    await registrar.page.getByRole('button', { name: '提交申请' }).click();
    await registrar.page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await fieldError(registrar.page, 'until', '休学结束日期应晚于开始日期');
    await screenshot(registrar.page, 'change-apply-field-error', 'phone');

    await registrar.page.locator('#until').fill('2027-07-31');
    await registrar.page.locator('#until').press('Tab');
    await registrar.page.getByRole('button', { name: '提交申请' }).click();
    await screenshot(registrar.page, 'change-apply-confirm', 'phone');
    await registrar.page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await caseOpened(registrar.page);
    const caseUrl = registrar.page.url();
    await registrar.page.getByTestId('case-status').filter({ hasText: '审核中' }).waitFor();

    // A second application while this one is open: refused, with the way to the open case.
    await registrar.page.goto(`${registrar.url}/students/${student.studentId}/changes/new?type=withdraw`);
    await registrar.page.locator('#on').fill('2027-03-01');
    await registrar.page.locator('#on').press('Tab');
    await registrar.page.locator('#reason').fill('家长申请退学');
    await registrar.page.getByRole('button', { name: '提交申请' }).click();
    await registrar.page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await registrar.page.getByTestId('open-case-link').waitFor();
    expect(await registrar.page.getByTestId('filing-problem').textContent()).toContain('未办结的异动申请');
    expect(await registrar.page.getByTestId('open-case-link').getAttribute('href')).toBe(new URL(caseUrl).pathname);

    // 天河区 sends it back from its inbox; a reason is required.
    const county = await open('phone', 'tianhe-admin');
    await openFromInbox(county.page, 'phone', name, 'tasks');
    await screenshot(county.page, 'change-case', 'phone');
    await county.page.getByRole('button', { name: '退回' }).click();
    const dialog = county.page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await dialog.getByText('请填写退回原因，申请单位会看到它').waitFor();
    await dialog.getByLabel('退回原因').fill('请补充医院诊断证明后重新申请');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await county.page.getByTestId('case-status').filter({ hasText: '已退回' }).waitFor();

    // The registrar reads 已退回 and the reason; the record is still 在籍.
    await registrar.page.goto(caseUrl);
    await registrar.page.getByTestId('case-status').filter({ hasText: '已退回' }).waitFor();
    expect(await registrar.page.getByTestId('rejected-notice').textContent()).toContain('请补充医院诊断证明后重新申请');
    expect(await registrar.page.getByTestId('step-comment').textContent()).toContain('请补充医院诊断证明后重新申请');
    await screenshot(registrar.page, 'change-rejected', 'phone');
    await registrar.page.goto(`${registrar.url}/students/${student.studentId}`);
    await registrar.page.getByTestId('record-status').filter({ hasText: '在籍' }).waitFor();
    await registrar.page.getByTestId('student-changes').getByText('已退回').waitFor();
    await registrar.page.getByTestId('student-changes').screenshot({ path: `${SCREENSHOTS}/student-record-changes-phone.png` });
  });
});
