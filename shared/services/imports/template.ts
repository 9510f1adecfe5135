// The intake template (招生导入模板): one sheet 学生信息 with the import columns' headers (★ for
// required), a drop-down on every code column, text format where Excel would otherwise eat digits,
// and one example row that imports cleanly; a sheet 填写说明 saying what each column takes; and
// a hidden sheet 代码表 holding the lists too long to write into a drop-down itself.
import ExcelJS from 'exceljs';
import { acceptedValues, choicesFor, IMPORT_COLUMNS, templateHeader, type ImportColumn } from '#shared/domain/imports/columns.ts';

export const TEMPLATE_SHEET = '学生信息';
export const NOTES_SHEET = '填写说明';
export const CODES_SHEET = '代码表';
/** Rows 2..5001 get the drop-downs: more than a school enrols at once. */
export const TEMPLATE_ROWS = 5000;

// Excel refuses an inline list longer than 255 characters; long lists also scroll better from a range.
const INLINE_LIST_MAX = 255;
const INLINE_LIST_ITEMS = 20;

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const REQUIRED_FONT = { bold: true, color: { argb: 'FFC00000' } } as const;
const EXAMPLE_FONT = { italic: true, color: { argb: 'FF7F7F7F' } } as const;

// Text format where Excel, left to itself, drops leading zeros, rounds 18 digits to 15, or turns
// typed text into dates (1-2 in 班级).
const AS_TEXT = new Set<ImportColumn['kind']['type']>(['idNumber', 'phone', 'digits', 'text', 'name', 'placement']);

// exceljs keeps range validations in `worksheet.dataValidations` but does not declare it.
interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}
const validationsOf = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;

/** Display width: a CJK character takes about two Latin ones. */
const widthOf = (text: string) => [...text].reduce((sum, char) => sum + (char.codePointAt(0)! > 0xff ? 2 : 1), 0);

const KIND_WIDTH: Partial<Record<ImportColumn['kind']['type'], number>> = { idNumber: 22, phone: 15, date: 12, yearMonth: 10, digits: 15 };

function columnWidth(entry: ImportColumn, choices: string[] | undefined): number {
  const longest = Math.max(widthOf(templateHeader(entry)), widthOf(entry.example ?? ''), ...(choices ?? []).slice(0, 20).map(widthOf));
  return Math.min(40, Math.max(8, KIND_WIDTH[entry.kind.type] ?? 0, longest + 2));
}

const columnLetter = (index: number) => {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};

/** The drop-down source of a list: inline when short, else a column of the hidden 代码表. */
function listSources(codes: ExcelJS.Worksheet): (choices: string[], title: string) => string {
  const ranges = new Map<string, string>();
  return (choices, title) => {
    const inline = `"${choices.join(',')}"`;
    if (choices.length <= INLINE_LIST_ITEMS && inline.length <= INLINE_LIST_MAX) return inline;
    const key = choices.join('\n');
    const known = ranges.get(key);
    if (known) return known;
    const column = codes.getColumn(ranges.size + 1);
    column.values = [title, ...choices];
    column.width = Math.max(...choices.map(widthOf)) + 2;
    const letter = columnLetter(ranges.size);
    const range = `'${CODES_SHEET}'!$${letter}$2:$${letter}$${choices.length + 1}`;
    ranges.set(key, range);
    return range;
  };
}

// Dates as real dates, so the example shows what Excel makes of a typed date (which imports too).
const DATE_FORMAT: Partial<Record<ImportColumn['kind']['type'], string>> = { date: 'yyyy-mm-dd', yearMonth: 'yyyy-mm' };

function exampleValue(entry: ImportColumn): string | number | Date | null {
  const example = entry.example;
  if (example === undefined) return null;
  if (entry.kind.type === 'number') return Number(example);
  if (entry.kind.type === 'date' || entry.kind.type === 'yearMonth') {
    const [year, month, day] = example.split('-').map(Number);
    return new Date(Date.UTC(year!, month! - 1, day ?? 1));
  }
  return example;
}

function fillStudentSheet(sheet: ExcelJS.Worksheet, codes: ExcelJS.Worksheet): void {
  const sourceOf = listSources(codes);
  const header = sheet.addRow(IMPORT_COLUMNS.map(templateHeader));
  header.height = 30;
  const example = sheet.addRow(IMPORT_COLUMNS.map(exampleValue));

  IMPORT_COLUMNS.forEach((entry, index) => {
    const choices = choicesFor(entry);
    const column = sheet.getColumn(index + 1);
    column.width = columnWidth(entry, choices);
    const format = AS_TEXT.has(entry.kind.type) || choices ? '@' : DATE_FORMAT[entry.kind.type];
    if (format) column.numFmt = format;

    const title = header.getCell(index + 1);
    title.font = entry.required ? REQUIRED_FONT : { bold: true };
    title.fill = HEADER_FILL;
    title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    title.note = `${entry.required ? '必填' : '选填'}：${acceptedValues(entry)}`;

    const sample = example.getCell(index + 1);
    sample.font = EXAMPLE_FONT;
    if (format) sample.numFmt = format;

    if (choices) {
      const letter = columnLetter(index);
      validationsOf(sheet).add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [sourceOf(choices, entry.header)],
        showErrorMessage: true,
        // A warning, not a stop: a code (01) typed instead of a label is also accepted on import.
        errorStyle: 'warning',
        errorTitle: entry.header,
        error: '请从下拉列表中选择；也可以填写代码',
      });
    }
  });
}

function fillNotesSheet(sheet: ExcelJS.Worksheet): void {
  const lines = [
    '学生信息导入模板填写说明',
    `1. 请在“${TEMPLATE_SHEET}”工作表中每行填写一名学生；第一行为表头，请勿修改或删除。带 ★ 的列为必填。`,
    '2. 第二行为示例 (灰色斜体)，导入前请删除或改为真实学生信息。',
    '3. 代码列可从下拉列表选择名称，也可填写代码 (如 性别 填 1 或 男)。',
    '4. 身份证件号、联系电话、邮政编码、区划代码等列已设为文本格式；从其他表格粘贴时请使用“选择性粘贴 → 值”，以免丢失开头的 0 或末尾数字。',
    '5. 年级、班级须为本校系统中已建立的名称，如 2025级、1班。',
    '6. 家庭成员只要填写了任意一项，就须填写其姓名、关系和是否监护人。',
  ];
  lines.forEach((line, index) => {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).font = index === 0 ? { bold: true, size: 14 } : {};
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
  });
  sheet.addRow([]);
  const header = sheet.addRow(['列名', '是否必填', '可填写的值 / 格式', '示例']);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  for (const entry of IMPORT_COLUMNS) {
    const row = sheet.addRow([templateHeader(entry), entry.required ? '必填' : '选填', acceptedValues(entry), entry.example ?? '']);
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.getColumn(1).width = 30;
  sheet.getColumn(2).width = 10;
  sheet.getColumn(3).width = 80;
  sheet.getColumn(4).width = 24;
}

export async function buildTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '学籍管理系统';
  const students = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const notes = workbook.addWorksheet(NOTES_SHEET);
  const codes = workbook.addWorksheet(CODES_SHEET, { state: 'hidden' });
  fillStudentSheet(students, codes);
  fillNotesSheet(notes);
  // The student sheet first and active: it is what a registrar fills in.
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
