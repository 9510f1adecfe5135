// 学生信息校对 in a real browser: a student proposes corrections of its own record (a refused value
// is explained under its field), the school registrar accepts one and, when a second proposal for
// the same field has become stale (RECORD_CHANGED), is told so and sends it back; the student then
// sees the new value and the comment, and confirms its record.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signedInPages, type Viewport } from '../support/browser.ts';
import { choose, fieldError } from './antd.ts';

const open = signedInPages();

/** On 信息校对: proposes a new 特长 (specialty), a field no other suite touches. */
async function proposeSpecialty(page: Page, value: string, note: string): Promise<void> {
  await choose(page, 'fields', '特长');
  await page.locator('#changes_specialty').fill(value);
  await page.locator('#note').fill(note);
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByText('校对申请已提交，请等待学校学籍管理员审核').last().waitFor();
  await page.getByTestId('my-correction').filter({ hasText: value }).getByText('待审核').waitFor();
}

describe.each<Viewport>(['desktop', 'phone'])('on a %s', (viewport) => {
  it('a correction goes from the student to the registrar and back; the student confirms its record', async () => {
    const run = randomBytes(3).toString('hex');
    const accepted = `钢琴${run}`;
    const stale = `书法${run}`;

    // The student: a refused value is told under its field, then two proposals for 特长.
    const student = await open(viewport, 'student-th-shiyan', '/my/corrections');
    await student.page.getByText('提交校对申请', { exact: true }).waitFor();
    await choose(student.page, 'fields', '联系电话');
    await student.page.locator('#changes_phone').fill('abc');
    await student.page.getByRole('button', { name: '提交申请' }).click();
    await fieldError(student.page, 'changes_phone', '联系电话格式不正确');
    await screenshot(student.page, 'my-corrections-field-error', viewport);
    await student.page.reload();
    await proposeSpecialty(student.page, accepted, '参加了钢琴考级');
    await proposeSpecialty(student.page, stale, '改为书法');
    await screenshot(student.page, 'my-corrections', viewport);

    // The registrar: 学生信息校对, oldest first; accepts the first proposal.
    const registrar = await open(viewport, 'registrar-th-shiyan', '/corrections');
    const first = registrar.page.getByTestId('queued-correction').filter({ hasText: accepted });
    await first.getByText('全国学籍号').waitFor();
    expect(await first.textContent()).toContain('参加了钢琴考级');
    await screenshot(registrar.page, 'correction-queue', viewport);
    await first.getByRole('button', { name: '审核通过' }).click();
    const dialog = registrar.page.getByRole('dialog');
    await dialog.getByText('通过后，学籍档案将按以下内容修改').waitFor();
    await screenshot(registrar.page, 'correction-accept-dialog', viewport);
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await registrar.page.getByText('已审核通过，学籍档案已更新').waitFor();
    await first.waitFor({ state: 'detached' });

    // The second proposal would overwrite the value just accepted: explained, and sent back.
    const second = registrar.page.getByTestId('queued-correction').filter({ hasText: stale });
    await second.getByRole('button', { name: '审核通过' }).click();
    await registrar.page.getByRole('dialog').getByRole('button', { name: '确认通过' }).click();
    const problem = second.getByTestId('review-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('「特长」已被修改');
    await screenshot(registrar.page, 'correction-record-changed', viewport);
    await problem.getByRole('button', { name: /退\s?回/ }).click();
    const reject = registrar.page.getByRole('dialog');
    await reject.getByRole('button', { name: '确认退回' }).click();
    await reject.getByText('请填写退回原因，学生会看到它').waitFor();
    await reject.locator('#comment').fill(`特长已更新为${accepted}，如需修改请重新提交`);
    await reject.getByRole('button', { name: '确认退回' }).click();
    await registrar.page.getByText('已退回，学生会看到退回原因').waitFor();
    await second.waitFor({ state: 'detached' });
    await registrar.page.getByTestId('tab-rejected').click();
    await registrar.page.getByTestId('queued-correction').filter({ hasText: stale }).getByText('已退回').waitFor();

    // The student: the new value in its record, the comment on the proposal sent back.
    await student.page.goto(`${student.url}/my/corrections`);
    const sentBack = student.page.getByTestId('my-correction').filter({ hasText: stale });
    await sentBack.getByText('已退回').waitFor();
    expect(await sentBack.getByTestId('review-comment').textContent()).toContain(`特长已更新为${accepted}`);
    await student.page.goto(`${student.url}/my/record`);
    await student.page.getByText(accepted).waitFor();
    await screenshot(student.page, 'my-record-unconfirmed', viewport);

    // Confirming names the version on screen; should another suite change the record meanwhile,
    // the page says so and shows the new version, and the student confirms that one.
    const status = student.page.getByTestId('confirm-status');
    expect(await status.textContent()).toBe('未确认');
    for (let attempt = 1; ; attempt += 1) {
      await student.page.getByRole('button', { name: '确认信息无误' }).click();
      await student.page.getByRole('button', { name: '确认无误' }).click();
      try {
        await status.filter({ hasText: '已确认' }).waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await student.page.getByTestId('confirm-problem').waitFor();
      }
    }
    await student.page.getByText('已确认学籍信息无误').waitFor();
    await screenshot(student.page, 'my-record', viewport);
  });
});
