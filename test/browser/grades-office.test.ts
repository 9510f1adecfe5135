// The grade office's pages in a real browser: 成绩提交情况, 补考, exports with progress and 成绩更正.
// Set up through the API in a term of the run's own (a random school year 2100–2899): a course and
// its section for 一年级(1)班 taught by the school's teacher, the whole roster's scores saved and
// submitted as the teacher (two failing, one absent), and a section of the same course for
// 一年级(2)班 not begun. Then the registrar sees the first 已提交 and the second 未录入 (the counts
// say one is not submitted; the filter narrows to it), exports the sheet as PDF and as Excel from
// the row (the download link answers 200 with the file's type); schedules the course's make-up
// sitting and enters its results. The teacher exports its sheet, files a correction that changes
// nothing (refused beside the field), files and withdraws one, and files one for the demo student;
// the registrar approves it from 待办业务 and the student's 我的成绩 shows the new score, where the
// student exports its transcript.
import { randomBytes, randomInt } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { termLabel } from '#shared/domain/teaching/term.ts';
import { call, login } from '../support/api.ts';
import { screenshot, signedInPages, type Viewport } from '../support/browser.ts';

const SCHOOL = '2144010601';
const CLASS = `${SCHOOL}-G2026-C01`;
const OTHER_CLASS = `${SCHOOL}-G2026-C02`;
const TEACHER = 'local|teacher-th-shiyan';
const RUN = randomBytes(3).toString('hex').toUpperCase();
const COURSE = { code: `GO${RUN}`, name: `教务测试课${RUN}` };
const YEAR = 2100 + randomInt(800);
const TERM = `${YEAR}-${YEAR + 1}-1`;
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const open = signedInPages();

interface Roster {
  studentId: string;
  name: string;
}

let url: string;
let studentId: string;
let sectionId: string;
let otherSectionId: string;
let roster: Roster[];
/** Who fails (two) and who is absent (one): never the demo student, whose grade is corrected later. */
let failing: Roster[];
let absent: Roster;
const STUDENT_SCORE = 72;
const CORRECTED = 88;

async function expectStatus<T>(reply: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const answer = await reply;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

beforeAll(async () => {
  url = inject('web').url;
  const registrar = await login('registrar-th-shiyan', url);
  const teacher = await login('teacher-th-shiyan', url);
  const me = await call<{ studentId?: string }>('GET', '/v1/me', { url, token: await login('student-th-shiyan', url) });
  expect(me.body.studentId).toBeTruthy();
  studentId = me.body.studentId!;
  await expectStatus(call('POST', '/v1/courses', { url, token: registrar, body: { schoolId: SCHOOL, code: COURSE.code, name: COURSE.name, credits: 2, hours: 32, assessment: 'exam' } }), 201);
  const courseId = `${SCHOOL}-K${COURSE.code}`;
  // No periods: nothing of the teacher's time is booked, so runs never collide.
  ({ sectionId } = await expectStatus(call<{ sectionId: string }>('POST', '/v1/sections', { url, token: registrar, body: { courseId, term: TERM, classId: CLASS, teacherId: TEACHER } }), 201));
  ({ sectionId: otherSectionId } = await expectStatus(call<{ sectionId: string }>('POST', '/v1/sections', { url, token: registrar, body: { courseId, term: TERM, classId: OTHER_CLASS, teacherId: TEACHER } }), 201));
  ({ roster } = await expectStatus(call<{ roster: Roster[] }>('GET', `/v1/sections/${sectionId}`, { url, token: registrar }), 200));
  expect(roster.map((entry) => entry.studentId)).toContain(studentId);
  const others = roster.filter((entry) => entry.studentId !== studentId);
  failing = others.slice(0, 2);
  absent = others[2]!;
  const grades = roster.map((entry, index) => {
    if (entry.studentId === studentId) return { studentId: entry.studentId, score: STUDENT_SCORE };
    if (entry === absent) return { studentId: entry.studentId, mark: 'absent' };
    if (failing.includes(entry)) return { studentId: entry.studentId, score: 40 + index };
    return { studentId: entry.studentId, score: 70 + (index % 25) };
  });
  await expectStatus(call('PUT', `/v1/sections/${sectionId}/grades`, { url, token: teacher, body: { grades } }), 200);
  await expectStatus(call('POST', `/v1/sections/${sectionId}/grades/submit`, { url, token: teacher }), 200);
});

/** The term drop-down: typing a term offers it, in words. */
async function chooseTerm(page: Page, term: string): Promise<void> {
  await page.locator('#term').click();
  await page.locator('#term').fill(term);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: termLabel(term) }).first().click();
}

/** From any page: a menu entry (in the drawer on a phone). */
async function menu(page: Page, viewport: Viewport, entry: string | RegExp): Promise<void> {
  if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: entry }).click();
  if (viewport === 'phone') await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
}

/**
 * Within `scope`: an export of this format started, followed until the file is made, then 下载:
 * the link the app opens answers 200 with the file's type (fetched in the page, as the browser would).
 */
async function exportAndDownload(page: Page, scope: ReturnType<Page['locator']>, format: 'pdf' | 'xlsx', start: () => Promise<void>): Promise<void> {
  await start();
  const status = scope.locator(`[data-testid="export-status"][data-format="${format}"][data-status="succeeded"]`);
  await status.waitFor({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), status.getByTestId('export-download').click()]);
  const link = download.url();
  expect(link).toContain('X-Amz-Expires=300');
  // Fetched as the page would (CORS included). Right after the browser's own download of the same
  // link, the local storage emulator now and then drops the connection: one more try then.
  const answer = await page.evaluate(async (href) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetch(href, { cache: 'no-store' });
        return { status: response.status, type: response.headers.get('content-type'), size: (await response.arrayBuffer()).byteLength };
      } catch (error) {
        if (attempt === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }, link);
  expect(answer.status).toBe(200);
  expect(answer.type).toBe(format === 'pdf' ? PDF : XLSX);
  expect(answer.size).toBeGreaterThan(1000);
}

describe('the grade office', () => {
  it('the registrar sees which sheets are submitted, and exports one as PDF and as Excel', async () => {
    const { page } = await open('desktop', 'registrar-th-shiyan');
    await menu(page, 'desktop', '成绩提交情况');
    await chooseTerm(page, TERM);
    const row = page.locator(`[data-testid="submission"][data-section="${sectionId}"]`);
    const other = page.locator(`[data-testid="submission"][data-section="${otherSectionId}"]`);
    await row.getByTestId('submission-status').filter({ hasText: '已提交' }).waitFor();
    await other.getByTestId('submission-status').filter({ hasText: '未录入' }).waitFor();
    expect(await row.textContent()).toContain(COURSE.name);
    // Classes are named once their organisations are read.
    await expect.poll(() => row.textContent()).toContain('一年级(1)班');
    await expect.poll(() => other.textContent()).toContain('一年级(2)班');
    expect(await page.getByTestId('count-open').textContent()).toContain('1');
    await screenshot(page, 'grade-submissions', 'desktop');

    // 未录入 only: the submitted one is gone from the list.
    await page.getByTestId('submission-filter').getByText('未录入').click();
    await page.waitForURL((target) => target.searchParams.get('status') === 'none');
    await row.waitFor({ state: 'detached' });
    await other.waitFor();
    await page.getByTestId('submission-filter').getByText('全部').click();
    await row.waitFor();

    // 导出 PDF and 导出 Excel from the row, each with its progress and 下载.
    await exportAndDownload(page, row, 'pdf', () => row.getByRole('button', { name: '导出 PDF' }).click());
    await exportAndDownload(page, row, 'xlsx', () => row.getByRole('button', { name: '导出 Excel' }).click());
    await screenshot(page, 'grade-submissions-export', 'desktop');
  });

  it('the registrar schedules the make-up sitting and enters its results', async () => {
    const { page } = await open('desktop', 'registrar-th-shiyan');
    await menu(page, 'desktop', '补考');
    await chooseTerm(page, TERM);
    const course = page.locator(`[data-testid="makeup-course"][data-course="${SCHOOL}-K${COURSE.code}"]`);
    await course.waitFor();
    await expect.poll(() => course.getByTestId('makeup-student').count()).toBe(3);
    for (const entry of failing) expect(await course.getByTestId('makeup-student').filter({ hasText: entry.name }).textContent()).toContain('不及格');
    expect(await course.getByTestId('makeup-student').filter({ hasText: absent.name }).textContent()).toContain('缺考');
    expect(await course.getByTestId('makeup-sitting').textContent()).toContain('尚未安排');

    // 安排补考: the date is required; then date and room.
    await course.getByRole('button', { name: '安排补考' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '安排补考' }).click();
    await dialog.getByText('请选择补考日期').waitFor();
    await dialog.locator('#date').fill(`${YEAR + 1}-03-02`);
    await dialog.locator('#date').press('Enter');
    await dialog.locator('#room').fill(`补考${RUN}`);
    await screenshot(page, 'makeup-schedule', 'desktop');
    await dialog.getByRole('button', { name: '安排补考' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await course.getByTestId('makeup-sitting').filter({ hasText: `${YEAR + 1}-03-02` }).waitFor();
    expect(await course.getByTestId('makeup-sitting').textContent()).toContain(`补考${RUN}`);
    await screenshot(page, 'makeup', 'desktop');

    // 录入补考成绩: a wrong score is flagged, then the results are saved.
    await course.getByRole('button', { name: '录入补考成绩' }).click();
    const results = page.getByRole('dialog');
    const input = (entry: Roster) => results.locator(`[data-testid="makeup-grade-row"][data-student="${entry.studentId}"]`).getByTestId('makeup-grade-input');
    await input(failing[0]!).fill('101');
    await results.getByText('成绩不能超过 100').waitFor();
    await input(failing[0]!).fill('65');
    await input(failing[1]!).fill('52');
    await input(absent).fill('q');
    await screenshot(page, 'makeup-results', 'desktop');
    await results.getByRole('button', { name: '保存补考成绩' }).click();
    await page.getByText('补考成绩已保存：3 名学生').waitFor();
    const grades = await expectStatus(call<{ items: { sectionId: string; makeup: { score?: number } | null }[] }>('GET', `/v1/students/${failing[0]!.studentId}/grades?term=${TERM}`, { url, token: await login('registrar-th-shiyan', url) }), 200);
    expect(grades.items.find((grade) => grade.sectionId === sectionId)?.makeup?.score).toBe(65);
  });

  it('the teacher exports its sheet, files and withdraws a correction, files another; the registrar approves it; the student sees the new score', async () => {
    const teacher = await open('desktop', 'teacher-th-shiyan', `/teaching/sections/${sectionId}/grades`);
    const page = teacher.page;
    await page.getByTestId('grades-locked').waitFor();
    const exports = page.getByTestId('export-buttons');
    await exportAndDownload(page, exports, 'pdf', () => exports.getByRole('button', { name: '导出 PDF' }).click());

    const rowOf = (id: string) => page.locator(`[data-testid="grade-row"][data-student="${id}"]`);
    const dialog = page.getByRole('dialog');
    // The same value as now is refused beside the field.
    await rowOf(studentId).getByRole('button', { name: '申请更正' }).click();
    expect(await dialog.getByTestId('correction-old').textContent()).toBe(String(STUDENT_SCORE));
    await dialog.locator('#score').fill(String(STUDENT_SCORE));
    await dialog.locator('#reason').fill('复核');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '与原成绩相同' }).waitFor();
    await screenshot(page, 'grade-correction-unchanged', 'desktop');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Filed for one student and withdrawn from its case page.
    const withdrawn = failing[1]!;
    await rowOf(withdrawn.studentId).getByRole('button', { name: '申请更正' }).click();
    await dialog.locator('#score').fill('61');
    await dialog.locator('#reason').fill('试卷复核漏计分数');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await rowOf(withdrawn.studentId).getByTestId('pending-correction').waitFor();
    await rowOf(withdrawn.studentId).getByTestId('correction-link').click();
    await page.waitForURL((target) => target.pathname.startsWith('/changes/'));
    await page.getByTestId('grade-correction').filter({ hasText: '→ 61' }).waitFor();
    await screenshot(page, 'grade-correction-case-teacher', 'desktop');
    await page.getByRole('button', { name: '撤销申请' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认撤销' }).click();
    await page.getByText('申请已撤销').first().waitFor();
    await page.goBack();
    await page.getByTestId('grades-locked').waitFor();
    await rowOf(withdrawn.studentId).getByRole('button', { name: '申请更正' }).waitFor();

    // Filed for the demo student: the row shows it pending, old → new.
    await rowOf(studentId).getByRole('button', { name: '申请更正' }).click();
    await dialog.locator('#score').fill(String(CORRECTED));
    await dialog.locator('#reason').fill('登分时看错行');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const pending = rowOf(studentId).getByTestId('pending-correction');
    await pending.waitFor();
    expect(await pending.textContent()).toContain(`${STUDENT_SCORE} → ${CORRECTED}`);
    const href = await pending.getByTestId('correction-link').getAttribute('href');
    expect(href).toMatch(/^\/changes\/.+/);
    await screenshot(page, 'grade-correction-pending', 'desktop');

    // The registrar approves it from 待办业务.
    const office = await open('desktop', 'registrar-th-shiyan');
    await menu(office.page, 'desktop', /待办业务/);
    await office.page.getByRole('heading', { name: '待办业务' }).waitFor();
    await office.page.locator(`[data-testid="task-link"][href="${href}"]`).click();
    await office.page.getByTestId('grade-correction').filter({ hasText: `${STUDENT_SCORE} → ${CORRECTED}` }).waitFor();
    await office.page.getByRole('button', { name: '审核通过' }).click();
    await office.page.getByRole('dialog').getByRole('button', { name: '确认通过' }).click();
    await office.page.getByText('成绩更正已审核通过，成绩已更正').waitFor({ timeout: 30_000 });
    await screenshot(office.page, 'grade-correction-approved', 'desktop');

    // The sheet and the student's 我的成绩 show the new score.
    await page.reload();
    await expect.poll(async () => rowOf(studentId).getByTestId('grade-value').textContent(), { timeout: 15_000 }).toBe(String(CORRECTED));
    const student = await open('desktop', 'student-th-shiyan', `/my/grades?term=${TERM}`);
    const grade = student.page.getByTestId('my-grade').filter({ hasText: COURSE.name });
    await grade.waitFor();
    expect(await grade.getByTestId('my-grade-value').textContent()).toBe(String(CORRECTED));

    // 导出成绩单 (PDF) from 我的成绩.
    const buttons = student.page.getByTestId('export-buttons');
    await exportAndDownload(student.page, buttons, 'pdf', async () => {
      await buttons.getByRole('button', { name: '导出成绩单' }).click();
      await student.page.getByRole('menuitem', { name: 'PDF 文件' }).click();
    });
    await screenshot(student.page, 'my-grades-export', 'desktop');
  });

  it('on a phone: 成绩提交情况, 补考, a locked sheet with its corrections and 我的成绩 with its export', async () => {
    const registrar = await open('phone', 'registrar-th-shiyan', `/teaching/grade-submissions?term=${TERM}`);
    await registrar.page.locator(`[data-testid="submission"][data-section="${sectionId}"]`).waitFor();
    await screenshot(registrar.page, 'grade-submissions', 'phone');
    await menu(registrar.page, 'phone', '补考');
    await chooseTerm(registrar.page, TERM);
    await registrar.page.getByTestId('makeup-course').first().waitFor();
    await screenshot(registrar.page, 'makeup', 'phone');
    const teacher = await open('phone', 'teacher-th-shiyan', `/teaching/sections/${sectionId}/grades`);
    await teacher.page.getByTestId('grades-locked').waitFor();
    await teacher.page.getByRole('button', { name: '申请更正' }).first().waitFor();
    await screenshot(teacher.page, 'grade-locked-corrections', 'phone');
    const student = await open('phone', 'student-th-shiyan', `/my/grades?term=${TERM}`);
    const buttons = student.page.getByTestId('export-buttons');
    await buttons.getByRole('button', { name: '导出成绩单' }).click();
    await student.page.getByRole('menuitem', { name: 'Excel 文件' }).click();
    await buttons.locator('[data-testid="export-status"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
    await screenshot(student.page, 'my-grades-export', 'phone');
  });
});
