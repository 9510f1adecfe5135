// The command line (`npx xueji import`) as a registrar's script runs it: a child process against the
// test stack, on a clean file (exit 0, the report beside the file, the stack found through its
// runtime.json) and on a file with a bad row (exit 1, the report in --out); refusals exit 2 with
// the API's own message. The suite imports into a grade of its own.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, call, login } from '../support/api.ts';
import { columnOf, fetchTemplate, nameOf, studentRow, xlsxOf, type Template } from '../support/import-files.ts';

const SCHOOL = '2144010601';
const REGISTRAR = 'registrar-th-shiyan';
const CLI = resolve(import.meta.dirname, '../../cli/xueji.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `xueji` with the test's own Node (the project's), as `npx xueji` would. */
function xueji(args: string[], env: Record<string, string> = {}, command: string[] = [process.execPath, CLI]): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { env: { ...process.env, XUEJI_URL: '', XUEJI_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

const reportLine = (stdout: string) => /^报告: (.+)$/m.exec(stdout)?.[1];

let folder: string;
let template: Template;
let place: { grade: string; klass: string; classId: string };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'xueji-cli-'));
  const registrar = await login(REGISTRAR);
  template = await fetchTemplate(baseUrl(), registrar);
  // Entry years 2090-2099: the other import suites take theirs from 2040-2089.
  const year = String(2090 + randomInt(10));
  const grade = await call<{ orgId: string }>('POST', `/v1/orgs/${SCHOOL}/children`, { token: registrar, body: { code: year, name: `${year}级` } });
  expect(grade.status, JSON.stringify(grade.body)).toBe(201);
  const klass = await call<{ orgId: string }>('POST', `/v1/orgs/${grade.body.orgId}/children`, { token: registrar, body: { code: '1', name: '(1)班' } });
  expect(klass.status, JSON.stringify(klass.body)).toBe(201);
  place = { grade: `${year}级`, klass: '1班', classId: klass.body.orgId };
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function classCount(): Promise<number> {
  const page = await call<{ items: unknown[] }>('GET', `/v1/students?classId=${place.classId}&limit=500`, { token: await login(REGISTRAR) });
  expect(page.status).toBe(200);
  return page.body.items.length;
}

describe('xueji import', () => {
  it('imports a clean file, finding the local stack by its runtime.json, and saves the report beside it (exit 0)', async () => {
    const file = join(folder, '命令行新生.xlsx');
    writeFileSync(file, await xlsxOf(template, Array.from({ length: 3 }, (_, i) => studentRow(template, place, nameOf('命令行学生', i + 1)))));

    // No --url: the stack's DATA_DIR/runtime.json, as `npm start` writes it, names it.
    const run = await xueji(['import', file, '--school', SCHOOL, '--user', REGISTRAR], { DATA_DIR: inject('stack').dataDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('新建学籍 3 行');
    expect(run.stdout).toContain('出错 0 行');
    expect(reportLine(run.stdout)).toBe(join(folder, '命令行新生.导入报告.xlsx'));
    expect(existsSync(reportLine(run.stdout)!)).toBe(true);
    expect(await classCount()).toBe(3);
  });

  it('exits 1 for a file with a bad row, the report in --out saying what is wrong with it', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => studentRow(template, place, nameOf('命令行出错', i + 1)));
    rows[1]![columnOf(template, '姓名')] = null;
    const file = join(folder, '有错.xlsx');
    writeFileSync(file, await xlsxOf(template, rows));
    const out = join(folder, 'reports');
    const before = await classCount();

    const run = await xueji(['import', file, '--school', SCHOOL, '--user', REGISTRAR, '--url', baseUrl(), '--out', out, '--dry-run']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('可导入 2 行');
    expect(run.stdout).toContain('出错 1 行');
    expect(run.stdout).toMatch(/第 3 行 姓名★: /);
    const path = reportLine(run.stdout)!;
    expect(path).toBe(join(out, '有错.导入报告.xlsx'));
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(path);
    const errorColumn = template.headers.length + 1;
    expect(report.worksheets[0]!.getRow(1).getCell(errorColumn).value).toBe('错误');
    expect(String(report.worksheets[0]!.getRow(3).getCell(errorColumn).value)).toContain('姓名');
    expect(report.worksheets[0]!.getRow(2).getCell(errorColumn).value).toBeNull();
    // A dry run writes nothing.
    expect(await classCount()).toBe(before);
  });

  it('exits 2 with the API’s message when refused, and on arguments it cannot use', async () => {
    const file = join(folder, '拒绝.xlsx');
    writeFileSync(file, await xlsxOf(template, [studentRow(template, place, '拒绝学生')]));

    const badToken = await xueji(['import', file, '--school', SCHOOL, '--token', 'not-a-token', '--url', baseUrl()]);
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toMatch(/^错误: .*登录.*\(UNAUTHENTICATED，HTTP 401\)/m);

    const otherSchool = await xueji(['import', file, '--school', '3144010602', '--user', REGISTRAR, '--url', baseUrl()]);
    expect(otherSchool.code).toBe(2);
    expect(otherSchool.stderr).toContain('HTTP 403');

    const noSchool = await xueji(['import', file, '--user', REGISTRAR, '--url', baseUrl()]);
    expect(noSchool.code).toBe(2);
    expect(noSchool.stderr).toContain('--school');

    const wrongKind = await xueji(['import', join(folder, 'a.txt'), '--school', SCHOOL, '--user', REGISTRAR, '--url', baseUrl()]);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toContain('.xlsx 或 .csv');
    expect(existsSync(join(folder, '拒绝.导入报告.xlsx'))).toBe(false);
  });

  it('is the package’s `xueji` bin, run by npx', async () => {
    const help = await xueji(['--help'], {}, ['npx', '--no-install', 'xueji']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('npx xueji import');
  });
});
