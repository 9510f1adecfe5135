// Teaching and grades in a real browser, at both widths, each width in a term of its own (a random
// school year 2100–2399 on a desktop, 2400–2699 on a phone, 2700–2899 for the roster that changes)
// so runs and widths never book the same teacher, room or class. Set up through the API as the school registrar: a course (a unique code)
// and its section for 一年级(1)班 taught by the school's teacher on 星期一第1节, the class topped up
// to about 55 students on roll. Then the registrar: a course code the school has is refused under
// the code; a new course goes into a teaching plan for 2026级, whose sections are generated; one of
// them, arranged for the same teacher on 星期一第1节, is refused, and the page names the teacher,
// the period and the other section (course and class) and marks the period red; moved to 第2节 it is
// saved. The teacher: 我的教学班 for the term, 登分, every student's score typed with the keyboard
// (a wrong one flagged in its cell and fixed with ↑), one 缺考 chosen, leaving unsaved asks first,
// the draft saved and read back after a reload, submitted after the dialog says it locks the sheet,
// and read-only afterwards. The student (on the class's roster) finds the score in 我的成绩. And a
// roster that changes while the teacher grades (一年级(2)班, a section without periods): a student
// who left is named when the draft is saved (NOT_ON_ROSTER) and taken off the sheet, one who
// joined is marked when the sheet is submitted (GRADES_INCOMPLETE).
import { randomBytes, randomInt } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { termLabel } from '#shared/domain/teaching/term.ts';
import { call, login } from '../support/api.ts';
import { screenshot, signedInPages, type Viewport } from '../support/browser.ts';
import { newStudent } from '../support/students.ts';
import { choose, fieldError } from './antd.ts';

const SCHOOL = '2144010601';
const CLASS = `${SCHOOL}-G2026-C01`;
const CLASS_NAME = '一年级(1)班';
const TEACHER = 'local|teacher-th-shiyan';
const TEACHER_NAME = '广州市天河区第一实验小学 任课教师';
const ROSTER_SIZE = 55;
const RUN = randomBytes(3).toString('hex').toUpperCase();
/** The course the teacher grades (set up through the API), shared by both widths. */
const COURSE = { code: `GT${RUN}`, name: `成绩测试课${RUN}` };

const open = signedInPages();

interface Roster {
  studentId: string;
  name: string;
}

/** What each width works with: its term, its graded section and the class's roster. */
const worlds = new Map<Viewport, { term: string; sectionId: string; roster: Roster[] }>();
let url: string;
let registrar: string;
let studentId: string;

async function expectStatus<T>(reply: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const answer = await reply;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

/** A score per roster row, one decimal now and then, a few below 60. */
const scoreOf = (index: number) => String(45 + ((index * 7 + 30) % 55) + (index % 3 === 0 ? 0.5 : 0));

beforeAll(async () => {
  url = inject('web').url;
  registrar = await login('registrar-th-shiyan', url);
  const me = await call<{ studentId?: string }>('GET', '/v1/me', { url, token: await login('student-th-shiyan', url) });
  expect(me.body.studentId).toBeTruthy();
  studentId = me.body.studentId!;
  await expectStatus(call('POST', '/v1/courses', { url, token: registrar, body: { schoolId: SCHOOL, code: COURSE.code, name: COURSE.name, credits: 3, hours: 48, assessment: 'exam' } }), 201);
  // A class of about 55 on roll, as schools have (the test stack seeds ten a class).
  const students = await expectStatus(call<{ items: unknown[] }>('GET', `/v1/students?classId=${CLASS}&limit=200`, { url, token: registrar }), 200);
  const surnames = '王李张刘陈杨黄赵吴周';
  const given = '子涵雨轩浩然欣怡梓萱俊杰思彤宇航嘉怡';
  for (let index = students.items.length; index < ROSTER_SIZE; index += 1) {
    const name = `${surnames[index % 10]}${given[(index * 3) % given.length]}${given[(index * 5 + 1) % given.length]}`;
    await expectStatus(call('POST', '/v1/students', { url, token: registrar, body: newStudent({ classId: CLASS, name }) }), 201);
  }
  for (const [viewport, from] of [['desktop', 2100], ['phone', 2400]] as const) {
    const year = from + randomInt(300);
    const term = `${year}-${year + 1}-1`;
    const section = await expectStatus(
      call<{ sectionId: string }>('POST', '/v1/sections', { url, token: registrar, body: { courseId: `${SCHOOL}-K${COURSE.code}`, term, classId: CLASS, teacherId: TEACHER, room: `T${RUN}`, slots: [{ day: 1, period: 1 }] } }),
      201,
    );
    const read = await expectStatus(call<{ roster: Roster[] }>('GET', `/v1/sections/${section.sectionId}`, { url, token: registrar }), 200);
    worlds.set(viewport, { term, sectionId: section.sectionId, roster: read.roster });
  }
});

/** The term drop-down: typing a term offers it, in words. */
async function chooseTerm(page: Page, term: string, id = 'term'): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(term);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: termLabel(term) }).first().click();
}

/** A screenshot of the page from its top: the grade sheet's toolbar sticks to the top of the window while the roster scrolls. */
async function fromTop(page: Page, name: string, viewport: Viewport): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, name, viewport);
}

/** From any page: a menu entry (in the drawer on a phone, which is closed again before going on: closing, it takes the focus back). */
async function menu(page: Page, viewport: Viewport, entry: string): Promise<void> {
  if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: entry }).click();
  if (viewport === 'phone') await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
}

describe.each<Viewport>(['desktop', 'phone'])('on a %s', (viewport) => {
  it('the registrar adds a course, plans a grade, generates its sections and is told why an arrangement collides', async () => {
    const { term } = worlds.get(viewport)!;
    const course = { code: `GB${RUN}${viewport === 'desktop' ? 'D' : 'P'}`, name: `排课测试课${RUN}${viewport === 'desktop' ? '甲' : '乙'}` };
    const { page } = await open(viewport, 'registrar-th-shiyan');

    // 课程: the code the school has already is refused under the code; a new one is added.
    await menu(page, viewport, '课程');
    await page.getByTestId('course').filter({ hasText: COURSE.code }).waitFor();
    await page.getByRole('button', { name: '新增课程' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#code').fill(COURSE.code);
    await dialog.locator('#name').fill('重复的课程');
    await dialog.locator('#credits').fill('2');
    await dialog.locator('#hours').fill('32');
    await dialog.getByRole('button', { name: '新增课程' }).click();
    await fieldError(page, 'code', `本校已有代码为 ${COURSE.code} 的课程`);
    await screenshot(page, 'course-exists', viewport);
    await dialog.locator('#code').fill(course.code);
    await dialog.locator('#name').fill(course.name);
    await dialog.getByText('考查', { exact: true }).click();
    await dialog.getByRole('button', { name: '新增课程' }).click();
    await page.getByTestId('course').filter({ hasText: course.name }).waitFor();
    expect(await page.getByTestId('course').filter({ hasText: course.name }).textContent()).toContain('考查');
    await screenshot(page, 'courses', viewport);

    // 教学计划: 2026级 in the test's term with the new course, 4 学时 a week; then its sections.
    await menu(page, viewport, '教学计划');
    await choose(page, 'gradeId', '2026级 (一年级)');
    await chooseTerm(page, term);
    const row = page.getByTestId('plan-course').filter({ hasText: course.name });
    await row.getByRole('checkbox').check();
    await row.getByLabel(`${course.name}周学时`).fill('4');
    await page.getByRole('button', { name: '创建教学计划' }).click();
    await page.getByTestId('plan').getByText(`${course.name}：每周 4 学时`).waitFor();
    await page.getByRole('button', { name: '生成教学班' }).click();
    const generated = page.getByTestId('generated-sections');
    await generated.waitFor();
    expect(await generated.getByTestId('generated-section').count()).toBe(2);
    await generated.getByTestId('generated-section').filter({ hasText: '一年级(2)班' }).waitFor();
    await screenshot(page, 'teaching-plan', viewport);

    // 排课: the new course's section of 一年级(2)班, for the teacher who has 一年级(1)班 on 星期一第1节.
    await generated.getByRole('button', { name: '去排课' }).click();
    await page.waitForURL((target) => target.pathname === '/teaching/schedule' && target.searchParams.get('term') === term);
    const section = page.locator(`[data-section="${SCHOOL}-G2026-C02-T${term}-K${course.code}"]`);
    await section.getByRole('button', { name: '排课' }).click();
    const arrange = page.getByRole('dialog');
    await arrange.getByTestId('slot-grid').waitFor();
    await choose(page, 'teacherId', TEACHER_NAME);
    await arrange.locator('#room').fill(`B${RUN}`);
    const cell = (day: number, period: number) => arrange.locator(`[data-testid="slot-cell"][data-day="${day}"][data-period="${period}"]`);
    await cell(1, 1).click();
    await arrange.getByRole('button', { name: '保存安排' }).click();
    const conflict = arrange.getByTestId('schedule-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(`任课教师“${TEACHER_NAME}”在星期一第1节已有“${COURSE.name}”（${CLASS_NAME}）`);
    expect(await cell(1, 1).getAttribute('data-conflict')).toBe('true');
    await fieldError(page, 'teacherId', '星期一第1节已有课');
    await screenshot(page, 'schedule-conflict', viewport);

    // Moved to 第2节, it is saved.
    await cell(1, 1).click();
    await cell(1, 2).click();
    await arrange.getByRole('button', { name: '保存安排' }).click();
    await arrange.waitFor({ state: 'hidden' });
    await section.filter({ hasText: '周一 第2节' }).waitFor();
    expect(await section.textContent()).toContain(TEACHER_NAME);
    await screenshot(page, 'schedule', viewport);
  });

  it('the teacher types every score with the keyboard, marks one 缺考, saves a draft, submits and sees it locked', async () => {
    const { term, sectionId, roster } = worlds.get(viewport)!;
    expect(roster.length).toBeGreaterThanOrEqual(50);
    expect(roster.map((entry) => entry.studentId)).toContain(studentId);
    const absent = roster.findIndex((entry) => entry.studentId !== studentId);
    const { page } = await open(viewport, 'teacher-th-shiyan');

    await menu(page, viewport, '我的教学班');
    await chooseTerm(page, term);
    const mine = page.locator(`[data-section="${sectionId}"]`);
    await mine.getByText('未录入').waitFor();
    await screenshot(page, 'my-sections', viewport);
    await mine.getByRole('button', { name: '登分' }).click();
    await page.waitForURL((target) => target.pathname.endsWith('/grades'));
    const inputs = page.getByTestId('grade-input');
    await inputs.first().waitFor();
    expect(await inputs.count()).toBe(roster.length);
    expect(await page.getByTestId('section-heading').textContent()).toContain(`${COURSE.name} · ${CLASS_NAME} · ${termLabel(term)}`);

    // Typed down the roster: a score and Enter. A score with two decimals is flagged at once; ↑ goes back to fix it.
    await inputs.first().click();
    for (const [index] of roster.entries()) {
      if (index === 2) {
        await page.keyboard.type('85.25');
        await page.keyboard.press('Enter');
        await page.getByTestId('grade-error').filter({ hasText: '成绩最多保留一位小数' }).waitFor();
        expect(await inputs.nth(2).getAttribute('aria-invalid')).toBe('true');
        if (viewport === 'desktop') await fromTop(page, 'grade-entry-invalid', viewport);
        await page.keyboard.press('ArrowUp');
      }
      await page.keyboard.type(scoreOf(index));
      await page.keyboard.press('Enter');
    }
    expect(await page.getByTestId('grade-error').count()).toBe(0);
    expect(await inputs.last().evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);

    // 缺考 chosen beside a row.
    const absentRow = page.locator(`[data-testid="grade-row"][data-student="${roster[absent]!.studentId}"]`);
    await absentRow.getByTestId('grade-mark').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^缺考$/ }).click();
    expect(await absentRow.getByTestId('grade-input').inputValue()).toBe('缺考');
    expect(await absentRow.textContent()).toContain('未通过');
    expect(await page.getByTestId('grade-summary').textContent()).toContain(`共 ${roster.length} 人 · 已录 ${roster.length} 人 · 标记 1 人`);
    await fromTop(page, 'grade-entry', viewport);

    // Leaving with unsaved changes asks first.
    await menu(page, viewport, '我的教学班');
    const leave = page.getByRole('dialog').filter({ hasText: '成绩尚未保存' });
    await leave.waitFor();
    await leave.getByRole('button', { name: '留在本页' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(page.url()).toContain(`/teaching/sections/`);

    // The draft, saved and read back.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存', { exact: true }).waitFor();
    await page.reload();
    await inputs.first().waitFor();
    const own = roster.findIndex((entry) => entry.studentId === studentId);
    expect(await page.locator(`[data-testid="grade-row"][data-student="${studentId}"]`).getByTestId('grade-input').inputValue()).toBe(String(Number(scoreOf(own))));
    expect(await absentRow.getByTestId('grade-input').inputValue()).toBe('缺考');
    expect(await page.getByTestId('grade-summary').textContent()).toContain(`已录 ${roster.length} 人`);

    // 提交: the dialog says it locks the sheet; afterwards the sheet is read-only.
    await page.getByRole('button', { name: '提交' }).click();
    const confirm = page.getByTestId('submit-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('提交后成绩单将锁定，不能再修改');
    expect(await confirm.textContent()).toContain('成绩更正申请');
    await fromTop(page, 'grade-submit-confirm', viewport);
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    const locked = page.getByTestId('grades-locked');
    await locked.waitFor();
    expect(await locked.textContent()).toContain('须提交成绩更正申请');
    expect(await page.getByTestId('grade-input').count()).toBe(0);
    expect(await page.locator(`[data-testid="grade-row"][data-student="${studentId}"]`).getByTestId('grade-value').textContent()).toBe(String(Number(scoreOf(own))));
    await fromTop(page, 'grade-locked', viewport);

    // 我的教学班 says so too.
    await menu(page, viewport, '我的教学班');
    await chooseTerm(page, term);
    await mine.getByText('已提交').waitFor();
  });

  it('the student finds the course and its score in 我的成绩', async () => {
    const { term, roster } = worlds.get(viewport)!;
    const own = roster.findIndex((entry) => entry.studentId === studentId);
    const score = String(Number(scoreOf(own)));
    const { page } = await open(viewport, 'student-th-shiyan');
    await menu(page, viewport, '我的成绩');
    const termCard = page.getByTestId('term-grades').filter({ hasText: termLabel(term) });
    const grade = termCard.getByTestId('my-grade').filter({ hasText: COURSE.name });
    await grade.waitFor();
    expect(await grade.getByTestId('my-grade-value').textContent()).toBe(score);
    expect(await grade.textContent()).toContain(Number(score) >= 60 ? '通过' : '未通过');
    await screenshot(page, 'my-grades', viewport);
    // One term asked for: only its grades.
    await chooseTerm(page, term);
    await page.waitForURL((target) => target.searchParams.get('term') === term);
    await expect.poll(() => page.getByTestId('term-grades').count()).toBe(1);
    await grade.waitFor();
    await screenshot(page, 'my-grades-term', viewport);
  });
});

describe('a roster that changes while the teacher grades', () => {
  const OTHER_CLASS = `${SCHOOL}-G2026-C02`;
  const enrol = async (name: string) =>
    (await expectStatus(call<{ studentId: string }>('POST', '/v1/students', { url, token: registrar, body: newStudent({ classId: OTHER_CLASS, name }) }), 201)).studentId;

  it('names a student who left when the draft is saved, and marks one who joined when the sheet is submitted', async () => {
    const year = 2700 + randomInt(200);
    const term = `${year}-${year + 1}-1`;
    const leaving = '转走的学生';
    const leaverId = await enrol(leaving);
    // No periods: the teacher's other sections book none of its time.
    const { sectionId } = await expectStatus(call<{ sectionId: string }>('POST', '/v1/sections', { url, token: registrar, body: { courseId: `${SCHOOL}-K${COURSE.code}`, term, classId: OTHER_CLASS, teacherId: TEACHER } }), 201);
    const { page } = await open('desktop', 'teacher-th-shiyan', `/teaching/sections/${sectionId}/grades`);
    const inputs = page.getByTestId('grade-input');
    await inputs.first().waitFor();
    const count = await inputs.count();
    await inputs.first().click();
    for (let index = 0; index < count; index += 1) {
      await page.keyboard.type(scoreOf(index));
      await page.keyboard.press('Enter');
    }
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存', { exact: true }).waitFor();

    // The registrar deletes the record of one student (gone from the roster) and enrols another.
    await expectStatus(call('DELETE', `/v1/students/${leaverId}`, { url, token: registrar, body: { reason: '测试：离开本班' } }), 200);
    const joinerId = await enrol('新来学生');

    // Saving again: the student who left is named, marked on the sheet and taken off it; the new one is listed.
    await inputs.first().fill('99');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const problem = page.getByTestId('grade-problem');
    await problem.getByText(`1 名学生已不在本教学班名单上：${leaving}`).waitFor();
    const leaver = page.locator(`[data-testid="grade-row"][data-student="${leaverId}"]`);
    await leaver.getByText('不在名单').waitFor();
    await page.locator(`[data-testid="grade-row"][data-student="${joinerId}"]`).waitFor();
    await fromTop(page, 'grade-not-on-roster', 'desktop');
    await leaver.getByRole('button', { name: '移出' }).click();
    await leaver.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存', { exact: true }).waitFor();

    // One more joins before the teacher submits: the server finds the student without a grade, and the page marks the row.
    await page.locator(`[data-testid="grade-row"][data-student="${joinerId}"]`).getByTestId('grade-input').fill('70');
    const lateId = await enrol('最后来的');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await problem.getByText('还有 1 名学生没有成绩或标记：最后来的').waitFor();
    const late = page.locator(`[data-testid="grade-row"][data-student="${lateId}"]`);
    await late.getByText('未录入').waitFor();
    expect(await late.getAttribute('class')).toContain('is-missing');
    await fromTop(page, 'grade-incomplete', 'desktop');

    // Graded too, the sheet is submitted.
    await late.getByTestId('grade-input').fill('m');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await page.getByTestId('grades-locked').waitFor();
    expect(await page.locator(`[data-testid="grade-row"][data-student="${lateId}"]`).getByTestId('grade-value').textContent()).toBe('免考');
  });
});
