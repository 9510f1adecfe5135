// 问题学籍 in a real browser. Records are planted straight into the stack's DynamoDB Local, as an
// old system's migration leaves them: one ID number in 天河区 and in 南山区, and two look-alikes
// without an ID number in 天河区第一实验小学. The 天河区 bureau opens 问题学籍 from its menu, starts a
// scan, follows the job to 已完成 and finds the cross-county duplicate with both sides (its own
// record linked, the other county's not). The school's registrar, on a phone, settles the
// look-alikes: 已删除 is refused in words (neither record is deleted), 不是同一人 with the reason
// settles them, and 已处理 shows by whom and why; and settles a wrong check digit with a scan of the
// household register, uploaded from the dialog and checked before the dialog takes it.
import { randomInt, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newStudentItems } from '#shared/data/student-repo.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { screenshot, signedInPages, type Viewport } from '../support/browser.ts';
import { png } from '../support/files.ts';
import { newStudent } from '../support/students.ts';

const TIANHE = { city: '440100', county: '440106', school: '2144010601' };
const NANSHAN = { city: '440300', county: '440305', school: '2144030501' };
const open = signedInPages();

/** Two rare-enough characters, so this run's names are its own. */
const unique = () => Array.from({ length: 2 }, () => String.fromCodePoint(0x4e00 + randomInt(20_000))).join('');
const DUPLICATE = `重${unique()}`;
const LOOK_ALIKE = `似${unique()}`;
const WRONG_DIGIT = `错${unique()}`;

/** A record as an old system migrated it: the record item alone. */
async function plant(db: DynamoDBDocumentClient, place: typeof TIANHE, fields: { name: string; idNumber?: string }): Promise<void> {
  const classId = `${place.school}-G2026-C01`;
  const { idNumber: _drawn, ...base } = newStudent({ classId, name: fields.name, gender: '1', birthDate: '2019-05-04' });
  const now = new Date().toISOString();
  const record = {
    ...base,
    ...(fields.idNumber ? { idNumber: fields.idNumber } : {}),
    extra: {},
    studentId: randomUUID(),
    nationalStudentNo: fields.idNumber ? `G${fields.idNumber}` : `L${place.county}20190504${String(randomInt(10_000)).padStart(4, '0')}`,
    schoolId: place.school,
    gradeId: `${place.school}-G2026`,
    grade: '2026',
    countyId: place.county,
    orgPath: `/440000/${place.city}/${place.county}/${place.school}/${place.school}-G2026/${classId}`,
    version: 1,
    createdAt: now,
    updatedAt: now,
  } as unknown as StudentRecord;
  await db.send(new PutCommand({ TableName: 'records', Item: newStudentItems(record)[0] }));
}

beforeAll(async () => {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: inject('web').dynamodb }));
  const first17 = `44010620190504${String(randomInt(1, 500) * 2 - 1).padStart(3, '0')}`;
  const shared = `${first17}${checkCharacter(first17)}`;
  await plant(db, TIANHE, { name: DUPLICATE, idNumber: shared });
  await plant(db, NANSHAN, { name: DUPLICATE, idNumber: shared });
  await plant(db, TIANHE, { name: LOOK_ALIKE });
  await plant(db, TIANHE, { name: LOOK_ALIKE });
  const other = `44010620190504${String(randomInt(1, 500) * 2 - 1).padStart(3, '0')}`;
  await plant(db, TIANHE, { name: WRONG_DIGIT, idNumber: `${other}${checkCharacter(other) === '0' ? '1' : '0'}` });
});

/** From any page: the menu's 问题学籍 (in the drawer on a phone). */
async function openProblems(page: Page, viewport: Viewport): Promise<void> {
  if (viewport === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: '问题学籍' }).click();
  await page.waitForURL((target) => target.pathname === '/problems');
}

const card = (page: Page, name: string) => page.getByTestId('problem').filter({ hasText: name });

describe('问题学籍', () => {
  it('a county starts a scan and sees a duplicate across two counties, both sides', async () => {
    const { page } = await open('desktop', 'tianhe-admin');
    await openProblems(page, 'desktop');
    await page.getByRole('button', { name: '开始检查' }).click();
    await page.waitForURL((target) => target.searchParams.has('job'));
    await page.getByTestId('job-progress').waitFor();
    await page.getByTestId('job-status').filter({ hasText: /已完成|失败/ }).waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('job-status').textContent()).toBe('已完成');
    expect(await page.getByTestId('job-progress').textContent()).toContain('问题学籍检查');

    const duplicate = card(page, DUPLICATE);
    await duplicate.waitFor();
    expect(await duplicate.getAttribute('data-kind')).toBe('duplicateId');
    const sides = duplicate.getByTestId('problem-student');
    expect(await sides.count()).toBe(2);
    const text = await duplicate.textContent();
    expect(text).toContain('两条学籍的身份证件号相同');
    expect(text).toContain('天河区 广州市天河区第一实验小学');
    expect(text).toContain('南山区 深圳市南山区前海小学');
    // Masked as every list masks ID numbers.
    expect(text).toMatch(/证件号 440106\*{8}\d{3}[\dX]/);
    // Its own record opens its 学籍档案; the other county's does not.
    expect(await sides.filter({ hasText: '天河区' }).getByRole('link', { name: DUPLICATE }).count()).toBe(1);
    expect(await sides.filter({ hasText: '南山区' }).getByRole('link').count()).toBe(0);
    expect(await page.getByTestId('problems-tab-open').textContent()).toMatch(/待处理\s*[1-9]/);
    await duplicate.scrollIntoViewIfNeeded();
    await screenshot(page, 'problems', 'desktop');
  });

  it('a school registrar settles look-alikes as two people, after a refusal in words', async () => {
    const { page } = await open('phone', 'registrar-th-shiyan');
    await openProblems(page, 'phone');
    await page.getByTestId('problem-kinds').getByText('疑似重复学籍').click();
    const lookAlike = card(page, LOOK_ALIKE);
    await lookAlike.waitFor();
    await screenshot(page, 'problems', 'phone');
    await lookAlike.getByRole('button', { name: '处理' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('已删除', { exact: true }).click();
    await dialog.getByRole('button', { name: '确认处理' }).click();
    const refusal = dialog.getByTestId('resolve-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('两条学籍都还没有删除');
    await screenshot(page, 'problems-resolve-refused', 'phone');

    await dialog.getByText('不是同一人', { exact: true }).click();
    // The reason is required: the button waits for it.
    expect(await dialog.getByRole('button', { name: '确认处理' }).isDisabled()).toBe(true);
    await dialog.getByLabel('核实依据').fill('双胞胎，已核对出生医学证明和户口簿');
    await screenshot(page, 'problems-resolve', 'phone');
    await dialog.getByRole('button', { name: '确认处理' }).click();
    await dialog.waitFor({ state: 'detached' });
    await lookAlike.waitFor({ state: 'detached' });

    await page.getByTestId('problems-tab-resolved').click();
    const settled = card(page, LOOK_ALIKE);
    await settled.waitFor();
    const text = await settled.textContent();
    expect(text).toContain('不是同一人');
    expect(text).toContain('处理为“不是同一人”：双胞胎，已核对出生医学证明和户口簿');
    await screenshot(page, 'problems-resolved', 'phone');
  });

  it('a school registrar settles a wrong check digit with evidence uploaded from the dialog', async () => {
    const { page } = await open('desktop', 'registrar-th-shiyan', '/problems?kind=badIdNumber');
    const wrong = card(page, WRONG_DIGIT);
    await wrong.waitFor();
    expect(await wrong.textContent()).toContain('证件号校验码错误');
    await wrong.getByRole('button', { name: '处理' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('有佐证材料', { exact: true }).click();
    // No file yet: the dialog does not take it.
    expect(await dialog.getByRole('button', { name: '确认处理' }).isDisabled()).toBe(true);
    await dialog.getByTestId('problem-files').locator('input[type=file]').setInputFiles({ name: '户口簿 本人页.png', mimeType: 'image/png', buffer: png(120, 160) });
    await dialog.locator('[data-testid="problem-file"][data-status="accepted"]').waitFor();
    await dialog.getByLabel('处理说明').fill('身份证为公安机关签发，校验码以证件为准');
    await screenshot(page, 'problems-evidence', 'desktop');
    await dialog.getByRole('button', { name: '确认处理' }).click();
    await dialog.waitFor({ state: 'detached' });
    await wrong.waitFor({ state: 'detached' });
  });
});
