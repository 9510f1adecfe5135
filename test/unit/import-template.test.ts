// The intake template read back with exceljs as an import would read it: its headers match every
// column, its example row imports without an error, every code column has its drop-down (long
// lists from the hidden 代码表), digit columns are text, and 填写说明 covers each column.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FLAG } from '#shared/domain/code-tables.ts';
import { resolveCode } from '#shared/domain/imports/code-values.ts';
import { IMPORT_COLUMNS, matchHeaders, templateHeader } from '#shared/domain/imports/columns.ts';
import type { Cell } from '#shared/domain/imports/cells.ts';
import { rowToStudent } from '#shared/domain/imports/row.ts';
import { buildTemplate, CODES_SHEET, NOTES_SHEET, TEMPLATE_ROWS, TEMPLATE_SHEET } from '#shared/services/imports/template.ts';

type Validation = { type: string; formulae: string[]; allowBlank?: boolean };

let workbook: ExcelJS.Workbook;
let sheet: ExcelJS.Worksheet;
let validations: Record<string, Validation | undefined>;

const rowValues = (row: ExcelJS.Row): Cell[] =>
  IMPORT_COLUMNS.map((_, index) => {
    const value = row.getCell(index + 1).value;
    return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date ? value : String(value);
  });

const letterOf = (index: number) => sheet.getColumn(index + 1).letter;

beforeAll(async () => {
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildTemplate()) as unknown as ArrayBuffer);
  sheet = workbook.getWorksheet(TEMPLATE_SHEET)!;
  validations = (sheet as unknown as { dataValidations: { model: Record<string, Validation | undefined> } }).dataValidations.model;
});

describe('the intake template', () => {
  it('has the student sheet first, the notes, and the code lists hidden', () => {
    expect(workbook.worksheets.map((each) => [each.name, each.state])).toEqual([[TEMPLATE_SHEET, 'visible'], [NOTES_SHEET, 'visible'], [CODES_SHEET, 'hidden']]);
  });

  it('has headers matching every import column, required ones marked ★ and bold, the header row frozen', () => {
    const headers = IMPORT_COLUMNS.map((_, index) => String(sheet.getRow(1).getCell(index + 1).value));
    expect(headers).toEqual(IMPORT_COLUMNS.map(templateHeader));
    expect(headers.filter((header) => header.endsWith('★'))).toContain('身份证件类型★');
    expect(headers).toContain('身份证件号');
    const match = matchHeaders(headers);
    expect(match.columns).toHaveLength(IMPORT_COLUMNS.length);
    expect([match.unknownHeaders, match.missingRequired, match.duplicateHeaders]).toEqual([[], [], []]);
    for (let index = 0; index < headers.length; index += 1) expect(sheet.getRow(1).getCell(index + 1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (let index = 0; index < headers.length; index += 1) expect(sheet.getColumn(index + 1).width).toBeGreaterThanOrEqual(8);
  });

  it('has an example row that imports without an error', () => {
    const match = matchHeaders(IMPORT_COLUMNS.map((_, index) => String(sheet.getRow(1).getCell(index + 1).value)));
    const { input, errors } = rowToStudent(rowValues(sheet.getRow(2)), match, (grade, className) => (grade === '2025级' && className === '1班' ? 'class-1' : undefined));
    expect(errors).toEqual([]);
    expect(input).toMatchObject({ name: '王小明', gender: '1', birthDate: '2019-05-12', enrolledOn: '2025-09', classId: 'class-1', idType: '1' });
    expect(input?.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(input?.guardians).toHaveLength(2);
    expect(sheet.rowCount).toBe(2);
  });

  it('keeps ID numbers, phones, postcodes and region codes as text', () => {
    for (const header of ['身份证件号', '联系电话★', '邮政编码★', '出生地★', '户口所在地★', '家庭成员1身份证件号', '家庭成员2联系电话']) {
      const index = IMPORT_COLUMNS.findIndex((column) => templateHeader(column) === header);
      expect(sheet.getColumn(index + 1).numFmt, header).toBe('@');
      expect(sheet.getRow(2).getCell(index + 1).numFmt, header).toBe('@');
      expect(typeof sheet.getRow(2).getCell(index + 1).value, header).toBe('string');
    }
  });

  it(`has a drop-down on every code and flag column for rows 2 to ${TEMPLATE_ROWS + 1}, each choice reading back to a code`, () => {
    const codes = workbook.getWorksheet(CODES_SHEET)!;
    let ranged = 0;
    IMPORT_COLUMNS.forEach((column, index) => {
      const letter = letterOf(index);
      const validation = validations[`${letter}2`];
      if (column.kind.type !== 'code' && column.kind.type !== 'flag') {
        expect(validation, column.header).toBeUndefined();
        return;
      }
      expect(validation, column.header).toMatchObject({ type: 'list', allowBlank: true });
      expect(validations[`${letter}${TEMPLATE_ROWS + 1}`], column.header).toEqual(validation);
      expect(validations[`${letter}1`]).toBeUndefined();
      expect(validations[`${letter}${TEMPLATE_ROWS + 2}`]).toBeUndefined();

      const formula = validation!.formulae[0]!;
      const table = column.kind.type === 'code' ? column.kind.table : FLAG;
      let choices: string[];
      const range = /^'代码表'!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(formula);
      if (range) {
        ranged += 1;
        choices = codes.getColumn(range[1]!).values.slice(2, Number(range[2]) + 1).map(String);
      } else {
        expect(formula.length, column.header).toBeLessThanOrEqual(255);
        choices = formula.slice(1, -1).split(',');
      }
      const read = choices.map((choice) => resolveCode(table, choice));
      expect(read.every((result) => result.ok), column.header).toBe(true);
      expect(new Set(read.map((result) => (result.ok ? result.code : ''))).size, column.header).toBe(Object.keys(table).length);
    });
    // 民族 (student and both family members) and 国籍/地区 come from the hidden sheet.
    expect(ranged).toBe(4);
    expect(validations[`${letterOf(IMPORT_COLUMNS.findIndex((column) => column.key === 'nationality'))}2`]?.formulae[0]).toMatch(/^'代码表'!/);
  });

  it('explains every column in 填写说明: header, required or not, what it takes', () => {
    const notes = workbook.getWorksheet(NOTES_SHEET)!;
    const lines = new Map<string, string[]>();
    notes.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((value) => String(value ?? ''));
      if (values[0]) lines.set(values[0], values);
    });
    for (const column of IMPORT_COLUMNS) {
      const line = lines.get(templateHeader(column));
      expect(line, column.header).toBeDefined();
      expect(line![1]).toBe(column.required ? '必填' : '选填');
      expect(line![2]!.length).toBeGreaterThan(0);
    }
    expect(lines.get('性别★')![2]).toContain('1 男、2 女');
    expect(lines.get('出生日期★')![2]).toContain('2019-05-12');
  });
});
