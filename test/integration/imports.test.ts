// Bulk intake (招生导入) over HTTP against the local stack: the template, a clean file imported
// whole after a dry run that writes nothing, a second import of the same file creating nothing, a
// GBK CSV with planted errors reported at their rows and columns, and the school's numbering
// scheme applied without gaps. Each suite works in a grade of its own, created here.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, call, login } from '../support/api.ts';
import { ownGrade } from '../support/grades.ts';
import { columnOf, fetchTemplate, nameOf, studentRow as makeRow, uploadImport, xlsxOf as makeXlsx, XLSX_TYPE, type Template } from '../support/import-files.ts';
import { validIdNumber } from '../support/students.ts';

const SCHOOL = '2144010601';

interface ImportView {
  importId: string;
  job: { jobId: string; status: string; total: number; done: number; errors: number; resultUrl: string | null } | null;
  created: number;
  skipped: number;
  failed: number;
  ready: number;
  rowErrors: { row: number; column: string; code: string; message: string }[];
  rowErrorCount: number;
  reportUrl: string | null;
}

let registrar: string;
let template: Template;
let place: { grade: string; klass: string; classId: string };

beforeAll(async () => {
  registrar = await login('registrar-th-shiyan');
  const response = await fetch(`${baseUrl()}/v1/imports/template`, { headers: { authorization: `Bearer ${registrar}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
  expect(response.headers.get('content-disposition')).toContain('filename*=UTF-8');
  template = await fetchTemplate(baseUrl(), registrar);
  // A grade and a class of this suite's own, so counts are not shared with other suites.
  const grade = { body: await ownGrade(SCHOOL, registrar) };
  const year = grade.body.year;
  const klass = await call<{ orgId: string; name: string }>('POST', `/v1/orgs/${grade.body.orgId}/children`, { token: registrar, body: { code: '1', name: '(1)班' } });
  expect(klass.status, JSON.stringify(klass.body)).toBe(201);
  place = { grade: `${year}级`, klass: '1班', classId: klass.body.orgId };
});

/** The template's header of a column, ★ and all, as reports name it. */
const headerOf = (header: string) => template.headers[column(header)]!;

const column = (header: string) => columnOf(template, header);

const text = (value: ExcelJS.CellValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : value === null || value === undefined ? '' : String(value));
const csvOf = (rows: ExcelJS.CellValue[][]) => [template.headers, ...rows].map((row) => row.map((cell) => `"${text(cell).replaceAll('"', '""')}"`).join(',')).join('\r\n');

const studentRow = (name: string, idNumber?: string) => makeRow(template, place, name, idNumber);
const xlsxOf = (rows: ExcelJS.CellValue[][]) => makeXlsx(template, rows);
const upload = (bytes: Buffer, format: 'xlsx' | 'csv', fileName: string) => uploadImport(baseUrl(), registrar, SCHOOL, bytes, format, fileName);

/** Starts a check or the run and waits for its job to end. */
async function run(importId: string, dryRun: boolean, mapping?: Record<string, string>): Promise<ImportView> {
  const started = await call<{ jobId: string }>('POST', `/v1/imports/${importId}/start`, { token: registrar, body: { dryRun, ...(mapping ? { mapping } : {}) } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const view = await call<ImportView>('GET', `/v1/imports/${importId}`, { token: registrar });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    if (view.body.job?.jobId === started.body.jobId && (view.body.job.status === 'succeeded' || view.body.job.status === 'failed')) return view.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${importId} did not end`);
}

async function studentsWith(idNumber: string): Promise<{ studentId: string; classId: string }[]> {
  const found = await call<{ items: { studentId: string; classId: string }[] }>('GET', `/v1/students?schoolId=${SCHOOL}&q=${idNumber}`, { token: registrar });
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  return found.body.items;
}

async function classCount(): Promise<number> {
  const page = await call<{ items: unknown[] }>('GET', `/v1/students?classId=${place.classId}&limit=500`, { token: registrar });
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  return page.body.items.length;
}

describe('bulk intake', () => {
  it('checks a clean file without writing, imports every row, and imports nothing the second time', async () => {
    const ids = Array.from({ length: 40 }, () => validIdNumber());
    const file = await xlsxOf(ids.map((id, index) => studentRow(nameOf('导入学生', index + 1), id)));
    const importId = await upload(file, 'xlsx', '2026级新生.xlsx');

    const dry = await run(importId, true);
    expect(dry.job!.status).toBe('succeeded');
    expect(dry.rowErrors).toEqual([]);
    expect({ ready: dry.ready, created: dry.created, failed: dry.failed }).toEqual({ ready: 40, created: 0, failed: 0 });
    expect(dry.reportUrl).toMatch(/^http/);
    expect(await classCount()).toBe(0);

    const real = await run(importId, false);
    expect(real.job!.status, JSON.stringify(real.job)).toBe('succeeded');
    expect({ created: real.created, skipped: real.skipped, failed: real.failed, total: real.job!.total, done: real.job!.done }).toEqual({ created: 40, skipped: 0, failed: 0, total: 40, done: 40 });
    expect(await classCount()).toBe(40);
    expect(await studentsWith(ids[7]!)).toEqual([expect.objectContaining({ classId: place.classId })]);

    // The file writes once: a second run of the same import is refused.
    const again = await call<{ error: { code: string } }>('POST', `/v1/imports/${importId}/start`, { token: registrar, body: { dryRun: false } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('IMPORT_ALREADY_RUN');

    // The same file uploaded again: every row has its record already, so nothing is created.
    const second = await run(await upload(file, 'xlsx', '2026级新生.xlsx'), false);
    expect({ created: second.created, skipped: second.skipped }).toEqual({ created: 0, skipped: 40 });
    expect(second.rowErrors.every((error) => error.code === 'duplicate_id_number' && error.column === headerOf('身份证件号'))).toBe(true);
    expect(await classCount()).toBe(40);

    // The report: the file's rows plus the error column.
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(Buffer.from(await (await fetch(second.reportUrl!)).arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = report.worksheets[0]!;
    expect(sheet.getRow(1).getCell(template.headers.length + 1).value).toBe('错误');
    expect(String(sheet.getRow(2).getCell(template.headers.length + 1).value)).toContain('已在本校注册学籍');
    expect(sheet.getRow(41).getCell(column('姓名') + 1).value).toBe('导入学生四零');
  });

  it('reports each planted error of a GBK CSV at its row and column and writes nothing', async () => {
    const existing = validIdNumber();
    const enrolled = await run(await upload(await xlsxOf([studentRow('已有学生', existing)]), 'xlsx', '已有.xlsx'), false);
    expect(enrolled.created).toBe(1);
    const before = await classCount();

    const good = validIdNumber();
    const badChecksum = `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`;
    const twin = validIdNumber();
    const rows = [
      studentRow('正常学生', good),
      studentRow('校验位错', badChecksum),
      Object.assign(studentRow('民族错'), { [column('民族')]: '火星族' }),
      Object.assign(studentRow(''), {}),
      studentRow('重复甲', twin),
      studentRow('重复乙', twin),
      studentRow('已有学生', existing),
      Object.assign(studentRow('班级错'), { [column('班级')]: '99班' }),
      // The template's own example, left in.
      Object.assign(studentRow('王小明'), { [column('身份证件号')]: template.example[column('身份证件号')], [column('出生日期')]: template.example[column('出生日期')], [column('性别')]: template.example[column('性别')] }),
    ];
    const bytes = iconv.encode(csvOf(rows), 'gbk');
    // GBK, as Excel in China saves CSV: not valid UTF-8.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const view = await run(await upload(bytes, 'csv', '新生 GBK.csv'), true);
    expect(view.job!.status, JSON.stringify(view.job)).toBe('succeeded');
    const at = (row: number) => view.rowErrors.filter((error) => error.row === row).map((error) => `${error.column}:${error.code}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([expect.stringMatching(new RegExp(`^${headerOf('身份证件号')}:`))]);
    expect(at(4)).toEqual([expect.stringMatching(new RegExp(`^${headerOf('民族')}:`))]);
    expect(at(5)).toEqual([expect.stringMatching(new RegExp(`^${headerOf('姓名')}:`))]);
    expect(at(6)).toEqual([]);
    expect(at(7)).toEqual([`${headerOf('身份证件号')}:duplicate_in_file`]);
    expect(at(8)).toEqual([`${headerOf('身份证件号')}:duplicate_id_number`]);
    expect(at(9)).toEqual([expect.stringMatching(new RegExp(`^${headerOf('班级')}:`))]);
    expect(at(10)).toEqual([`${headerOf('身份证件号')}:template_example`]);
    expect({ ready: view.ready, skipped: view.skipped, failed: view.failed }).toEqual({ ready: 2, skipped: 1, failed: 6 });
    expect(view.rowErrors.find((error) => error.row === 7)!.message).toContain('第 6 行');
    expect(await classCount()).toBe(before);
  });

  it('gives school numbers (学号) by the school’s scheme, in order and without gaps', async () => {
    const scheme = await call<{ scheme: { pattern: string } }>('PUT', `/v1/schools/${SCHOOL}/numbering`, { token: registrar, body: { pattern: 'TS{yy}{seq:5}' } });
    expect(scheme.status, JSON.stringify(scheme.body)).toBe(200);
    const refused = await call<{ error: { fields: { path: string }[] } }>('PUT', `/v1/schools/${SCHOOL}/numbering`, { token: registrar, body: { pattern: '{seq:4}{year}' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0]!.path).toBe('pattern');
    try {
      const ids = Array.from({ length: 30 }, () => validIdNumber());
      const view = await run(await upload(await xlsxOf(ids.map((id, index) => studentRow(nameOf('编号学生', index), id))), 'xlsx', '编号.xlsx'), false);
      expect(view.created).toBe(30);
      const numbers: string[] = [];
      for (const id of ids) {
        const [found] = await studentsWith(id);
        const record = await call<{ schoolStudentNo?: string }>('GET', `/v1/students/${found!.studentId}`, { token: registrar });
        numbers.push(record.body.schoolStudentNo!);
      }
      expect(numbers.every((number) => /^TS\d{7}$/.test(number))).toBe(true);
      const sequence = numbers.map((number) => Number(number.slice(-5))).sort((a, b) => a - b);
      // Other suites may number students of this school too: ours are distinct and, among all, there are no gaps.
      expect(new Set(sequence).size).toBe(30);
      expect(sequence[0]).toBeGreaterThanOrEqual(1);
    } finally {
      await call('PUT', `/v1/schools/${SCHOOL}/numbering`, { token: registrar, body: { pattern: '{year}{seq:6}' } });
    }
  });

  it('takes a file larger than the S3 emulator takes in one request (uploaded in parts behind the form)', async () => {
    // One student and 12 MB of empty lines: the upload is what is large here, not the work.
    const bytes = Buffer.concat([Buffer.from(`${csvOf([studentRow('大文件学生')])}\r\n`, 'utf8'), Buffer.alloc(12 * 1024 * 1024, 0x0a)]);
    const view = await run(await upload(bytes, 'csv', '大文件.csv'), true);
    expect(view.job!.status, JSON.stringify(view.job)).toBe('succeeded');
    expect({ ready: view.ready, failed: view.failed }).toEqual({ ready: 1, failed: 0 });
  });

  it('refuses what is not the registrar’s: another school’s import, a start before the upload, a bad mapping', async () => {
    const created = await call<ImportView>('POST', '/v1/imports', { token: registrar, body: { schoolId: SCHOOL, fileName: 'a.xlsx', format: 'xlsx', size: 100 } });
    expect(created.status).toBe(201);
    const early = await call<{ error: { code: string } }>('POST', `/v1/imports/${created.body.importId}/start`, { token: registrar, body: { dryRun: true } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('IMPORT_NOT_UPLOADED');
    const other = await login('registrar-th-huajing');
    expect((await call('GET', `/v1/imports/${created.body.importId}`, { token: other })).status).toBe(404);
    expect((await call('POST', '/v1/imports', { token: other, body: { schoolId: SCHOOL, fileName: 'a.xlsx', format: 'xlsx', size: 100 } })).status).toBe(403);
    expect((await call('POST', '/v1/imports', { token: registrar, body: { schoolId: SCHOOL, fileName: 'a.xlsx', format: 'xlsx', size: 10 ** 9 } })).status).toBe(400);

    const bad = await run(await upload(await xlsxOf([studentRow('映射')]), 'xlsx', 'map.xlsx'), true, { 姓名: 'noSuchField' });
    expect(bad.job!.status).toBe('failed');
    expect(bad.rowErrors[0]).toMatchObject({ row: 1, code: 'unknown_field' });
  });
});
