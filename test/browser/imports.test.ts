// 批量导入 and 学号编排 in a real browser. A registrar of 天河区实验小学 finds 批量导入 in its menu,
// downloads the template (saved as 学生信息导入模板.xlsx) and builds its files from the template's
// own headers and example row, in a grade and class of this file's own (so counts are not shared):
// a file with a wrong ID check digit and an unknown 民族 is checked and its problems are listed by
// row and column, with the report to download, and nothing is written; a clean file is checked,
// imported behind a dialog that says how many rows it writes, followed to 已导入, found again from
// the list and after a reload, and its students are in the class roster. Then 学号编排, in a school
// of its own (a scheme would number every later enrolment of the demo school): the pattern's rules
// and the codes it needs are said next to their fields, each grade's first number is previewed,
// and a student enrolled afterwards gets exactly that number.
import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, login, type Reply } from '../support/api.ts';
import { ownGrade } from '../support/grades.ts';
import { screenshot, signedInPages } from '../support/browser.ts';
import { birthDateOf, newStudent, validIdNumber } from '../support/students.ts';

const SCHOOL = '2144010601';
const REGISTRAR = 'registrar-th-shiyan';
const NANSHAN = '440305';

const open = signedInPages();

let url: string;
let token: string;
let place: { grade: string; klass: string; classId: string };
/** A second class of the same grade, for the large file. */
let large: { klass: string; classId: string };

async function created<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answer = await reply;
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

beforeAll(async () => {
  url = inject('web').url;
  token = await login(REGISTRAR, url);
  const grade = await ownGrade(SCHOOL, token, url);
  const year = grade.year;
  const klass = await created(call<{ orgId: string }>('POST', `/v1/orgs/${grade.orgId}/children`, { url, token, body: { code: '1', name: '(1)班' } }));
  place = { grade: `${year}级`, klass: '1班', classId: klass.orgId };
  const second = await created(call<{ orgId: string }>('POST', `/v1/orgs/${grade.orgId}/children`, { url, token, body: { code: '2', name: '(2)班' } }));
  large = { klass: '2班', classId: second.orgId };
});

/** The bytes of a download (the browser runs as a server elsewhere: read through the stream, not a path). */
async function bytesOf(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The template's headers and example row, as the registrar downloaded it. */
interface Template {
  headers: string[];
  example: ExcelJS.CellValue[];
}

async function readTemplate(bytes: Buffer): Promise<Template> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  return { headers: (sheet.getRow(1).values as string[]).slice(1), example: (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1) };
}

const columnOf = (template: Template, header: string) => {
  const index = template.headers.findIndex((text) => text.replace(/★$/, '') === header);
  if (index < 0) throw new Error(`no column ${header} in the template`);
  return index;
};

/** The example row as a new student with its own ID number, in this file's class. */
function studentRow(template: Template, name: string, idNumber = validIdNumber(), seat = randomInt(1, 100)): ExcelJS.CellValue[] {
  const row = [...template.example];
  const set = (header: string, value: ExcelJS.CellValue) => (row[columnOf(template, header)] = value);
  set('姓名', name);
  set('身份证件号', idNumber);
  set('性别', Number(idNumber[16]) % 2 === 1 ? '男' : '女');
  set('出生日期', birthDateOf(idNumber));
  set('年级', place.grade);
  set('班级', place.klass);
  set('班内学号', String(seat));
  return row;
}

async function xlsxOf(template: Template, rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('学生信息');
  sheet.addRow(template.headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A name without digits: the prefix and two random characters. */
const uniqueName = (prefix: string) => `${prefix}${Array.from({ length: 2 }, () => String.fromCodePoint(0x4e00 + randomInt(20000))).join('')}`;

async function classCount(classId = place.classId): Promise<number> {
  const page = await call<{ items: unknown[] }>('GET', `/v1/students?classId=${classId}&limit=500`, { url, token });
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  return page.body.items.length;
}

/** From the menu: 批量导入, and the template downloaded from it. */
async function openImports(page: Page): Promise<Template> {
  await page.getByRole('menuitem', { name: '批量导入' }).click();
  await page.waitForURL((target) => target.pathname === '/imports');
  await page.getByTestId('import-list').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-download').click()]);
  expect(download.suggestedFilename()).toBe('学生信息导入模板.xlsx');
  return readTemplate(await bytesOf(download));
}

/** Chooses the file in the upload area; the page uploads it, starts the check and moves to the import's page. */
async function upload(page: Page, fileName: string, bytes: Buffer): Promise<string> {
  await page.locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
  await page.waitForURL((target) => /^\/imports\/[^/]+$/.test(target.pathname));
  return new URL(page.url()).pathname.split('/').pop()!;
}

const phase = (page: Page, name: string) => page.locator(`[data-testid="import-phase"][data-phase="${name}"]`);
const count = async (page: Page, key: string) => Number((await page.getByTestId(`count-${key}`).locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));

describe('bulk intake (批量导入) in the browser', () => {
  it('lists a file’s planted errors by row and column, offers the report, and writes nothing', async () => {
    const { page } = await open('desktop', REGISTRAR);
    const template = await openImports(page);
    expect(template.headers).toContain('民族★');
    await screenshot(page, 'imports', 'desktop');

    const good = validIdNumber();
    const bad = validIdNumber();
    const badChecksum = `${bad.slice(0, 17)}${bad[17] === '1' ? '2' : '1'}`;
    const martian = studentRow(template, uniqueName('民族错'));
    martian[columnOf(template, '民族')] = '火星族';
    const file = await xlsxOf(template, [studentRow(template, uniqueName('正常'), good), studentRow(template, uniqueName('校验位错'), badChecksum), martian]);
    const importId = await upload(page, '有错误的新生名单.xlsx', file);

    await phase(page, 'checked').waitFor();
    expect(await count(page, 'total')).toBe(3);
    expect(await count(page, 'ready')).toBe(1);
    expect(await count(page, 'failed')).toBe(2);
    // The problems, each at its row (the header is row 1) and the file's column.
    const errors = page.getByTestId('row-error');
    await expect.poll(() => errors.count()).toBe(2);
    const lines = await errors.allTextContents();
    const header = (name: string) => template.headers[columnOf(template, name)]!;
    expect(lines[0]).toMatch(new RegExp(`^第 3 行${header('身份证件号')}.*校验`));
    expect(lines[1]).toMatch(new RegExp(`^第 4 行${header('民族')}`));
    expect(lines[1]).toContain('火星族');
    expect(await page.getByTestId('import-verdict').textContent()).toContain('1 名学生可以导入，另有 2 行有错误');
    await screenshot(page, 'import-check-errors', 'desktop');

    // The report: the file's rows with an 错误 column, saved as an attachment.
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bytesOf(report)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(template.headers.length + 1).value).toBe('错误');
    expect(String(sheet.getRow(4).getCell(template.headers.length + 1).value)).toContain('民族');

    // A check writes nothing.
    expect(await classCount()).toBe(0);

    // On a phone the same page reads in one column, the table scrolling sideways.
    const phone = await open('phone', REGISTRAR, `/imports/${importId}`);
    await phase(phone.page, 'checked').waitFor();
    await phone.page.getByTestId('row-error').first().waitFor();
    await screenshot(phone.page, 'import-check-errors', 'phone');
  });

  it('imports a clean file after its check, follows the job to 已导入, and the students are in the roster', async () => {
    const { page } = await open('desktop', REGISTRAR);
    const template = await openImports(page);
    const names = [uniqueName('导入'), uniqueName('导入'), uniqueName('导入')];
    const file = await xlsxOf(template, names.map((name, index) => studentRow(template, name, validIdNumber(), index + 1)));
    // Counts the moments the upload's progress bar is on the page (run in the page; Node's types have no DOM, hence the string).
    await page.evaluate(`
      window.progressSeen = 0;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="import-progress"]')) window.progressSeen += 1;
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    `);
    const fileName = `新生名单-${place.grade}.xlsx`;
    const importId = await upload(page, fileName, file);
    expect(await page.evaluate<number>('window.progressSeen')).toBeGreaterThan(0);
    await phase(page, 'checked').waitFor();
    expect(await count(page, 'ready')).toBe(3);
    expect(await count(page, 'failed')).toBe(0);
    await page.getByTestId('row-errors-none').waitFor();
    expect(await page.getByTestId('import-verdict').textContent()).toContain('检查通过，3 名学生可以导入');
    await screenshot(page, 'import-check-clean', 'desktop');

    await page.getByTestId('import-start').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('import-confirm').textContent()).toContain('将为 3 名学生新建学籍 (写入 3 行)');
    await screenshot(page, 'import-confirm', 'desktop');
    await dialog.getByRole('button', { name: '确认导入' }).click();

    await phase(page, 'written').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('导入完成：新建 3 名学生的学籍');
    expect(await count(page, 'created')).toBe(3);
    expect(await count(page, 'failed')).toBe(0);
    await screenshot(page, 'import-done', 'desktop');
    expect(await classCount()).toBe(3);

    // The address keeps the import: a reload shows its result again.
    await page.reload();
    await phase(page, 'written').waitFor();

    // The list of the school's imports has it, 已导入, and links to it.
    await page.getByRole('link', { name: '批量导入' }).click();
    const row = page.getByTestId('import-row').filter({ hasText: fileName });
    await row.getByTestId('import-state').filter({ hasText: '已导入' }).waitFor();
    await screenshot(page, 'imports-list', 'desktop');
    await row.getByRole('link', { name: fileName }).click();
    await page.waitForURL((target) => target.pathname === `/imports/${importId}`);
    await phase(page, 'written').waitFor();

    // The students are in their class's roster.
    await page.goto(`${url}/students?classId=${place.classId}`);
    for (const name of names) await page.locator('.ant-table-row', { hasText: name }).waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(3);
    await screenshot(page, 'import-roster', 'desktop');
  });

  it('shows a larger file’s progress while it is written, rows done of all', async () => {
    const { page } = await open('desktop', REGISTRAR);
    const template = await openImports(page);
    const rows = Array.from({ length: 300 }, (_, index) => {
      const row = studentRow(template, uniqueName('批量'), validIdNumber(), index + 1);
      row[columnOf(template, '班级')] = large.klass;
      return row;
    });
    await upload(page, '三百名新生.xlsx', await xlsxOf(template, rows));
    await phase(page, 'checked').waitFor();
    expect(await count(page, 'ready')).toBe(300);
    // Every text the progress shows, as it changes (run in the page; Node's types have no DOM, hence the string).
    await page.evaluate(`
      window.progressTexts = [];
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="import-job-counts"]')?.textContent;
        if (text && window.progressTexts.at(-1) !== text) window.progressTexts.push(text);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    `);
    await page.getByTestId('import-start').click();
    await page.getByRole('dialog').getByRole('button', { name: '确认导入' }).click();
    await page.getByTestId('import-job-counts').filter({ hasText: /^已处理 \d+ \/ 300 行/ }).waitFor();
    await screenshot(page, 'import-running', 'desktop');
    await phase(page, 'written').waitFor({ timeout: 90_000 });
    expect(await count(page, 'created')).toBe(300);
    const seen = await page.evaluate<string[]>('window.progressTexts');
    expect(seen.some((text) => /^已处理 \d+ \/ 300 行/.test(text)), seen.join('\n')).toBe(true);
    expect(await classCount(large.classId)).toBe(300);
  });
});

describe('学号编排 in the browser', () => {
  const school = `27${String(Date.now() % 100_000_000).padStart(8, '0')}`;
  const registrar = `numbering-web-${school}`;

  beforeAll(async () => {
    const county = await login('nanshan-admin', url);
    await created(call('POST', `/v1/orgs/${NANSHAN}/children`, { url, token: county, body: { code: school, name: '南山区学号编排测试学校' } }));
    await created(call('POST', '/v1/users', { url, token: county, body: { username: registrar, role: 'school_registrar', orgId: school, displayName: '学号编排测试学校 学籍管理员' } }));
    const own = await login(registrar, url);
    for (const code of ['2026', '2025']) {
      await created(call('POST', `/v1/orgs/${school}/children`, { url, token: own, body: { code, name: `${code}级` } }));
      await created(call('POST', `/v1/orgs/${school}-G${code}/children`, { url, token: own, body: { code: '1', name: '(1)班' } }));
    }
  });

  it('explains the pattern, asks for the codes it uses next to their fields, previews each grade’s number, and numbers the next student so', async () => {
    const { page } = await open('desktop', registrar);
    await page.getByRole('menuitem', { name: '学号编排' }).click();
    await page.waitForURL((target) => target.pathname === `/schools/${school}/numbering`);
    await page.getByTestId('numbering-tokens').waitFor();
    await page.getByText('本校尚未设置学号编排').waitFor();

    // A pattern whose sequence is not last is refused under the field, before anything is sent.
    await page.locator('#pattern').fill('{seq:4}{year}');
    await page.locator('.ant-form-item', { has: page.locator('#pattern') }).getByText('并以 {seq:N} 结尾').waitFor();

    // Put together by clicking the tokens; the codes it uses are asked for.
    await page.locator('#pattern').fill('');
    for (const token of ['{year}', '{site}', '{major}', '{seq:4}']) await page.getByTestId('numbering-tokens').getByText(token, { exact: true }).click();
    expect(await page.locator('#pattern').inputValue()).toBe('{year}{site}{major}{seq:4}');
    await page.getByTestId('numbering-save').click();
    await page.locator('.ant-form-item', { has: page.locator('#site') }).getByText('规则含 {site}，请填写校区代码').waitFor();
    await page.locator('#site').fill('01');
    await page.getByTestId('numbering-save').click();
    await page.getByTestId('majors-error').getByText('请为各年级 (专业) 填写专业代码').waitFor();
    await screenshot(page, 'numbering-errors', 'desktop');

    // A major code for 2026级: its first number is previewed; 2025级 without one says so.
    await page.getByLabel('2026级的专业代码').fill('05');
    const preview = (grade: string) => page.locator('.ant-table-row', { hasText: grade }).getByTestId('numbering-preview');
    await expect.poll(() => preview('2026级').textContent()).toBe('202601050001');
    expect(await page.locator('.ant-table-row', { hasText: '2026级' }).getByTestId('numbering-parts').textContent()).toBe('入学年份 2026 · 校区 01 · 专业 05 · 序号 0001');
    expect(await preview('2025级').textContent()).toContain('未填专业代码');

    // The API's refusal of a field lands next to it (a grade removed meanwhile, say: answered here by the test).
    await page.route('**/v1/schools/*/numbering', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      await route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: '专业代码对应的年级不属于本校', fields: [{ path: `majors.${school}-G2026`, code: 'unknown_grade', message: '本校没有该年级' }] } }) });
    });
    await page.getByTestId('numbering-save').click();
    await page.locator('.ant-table-row', { hasText: '2026级' }).locator('.ant-form-item-explain-error', { hasText: '本校没有该年级' }).waitFor();
    await page.unroute('**/v1/schools/*/numbering');

    await page.getByLabel('2026级的专业代码').fill('05');
    await page.getByTestId('numbering-save').click();
    await page.getByText('学号编排已保存').waitFor();
    await page.getByTestId('numbering-updated').waitFor();
    await screenshot(page, 'numbering', 'desktop');

    // Kept: a reload shows the saved scheme.
    await page.reload();
    await page.getByText('本校已设置学号编排').waitFor();
    expect(await page.locator('#pattern').inputValue()).toBe('{year}{site}{major}{seq:4}');
    expect(await page.locator('#site').inputValue()).toBe('01');

    // The next student of 2026级 gets the number the preview showed.
    const own = await login(registrar, url);
    const enrolled = await created(call<{ studentId: string; schoolStudentNo?: string }>('POST', '/v1/students', { url, token: own, body: newStudent({ classId: `${school}-G2026-C01`, enrolledOn: '2026-09' }) }));
    expect(enrolled.schoolStudentNo).toBe('202601050001');
  });
});
