// One spreadsheet cell read as the field its column feeds, taking cells as Excel gives them: text,
// numbers (Excel turns 01 into 1 and dates into serial numbers), booleans and dates. What Excel may
// have damaged (an ID number stored as a number has lost its last digits; a postcode its leading 0)
// is an error, never a guess. The record's own rules are the schema's job, not this one's. Pure.
import { isRealDate } from '#shared/domain/id-number.ts';
import { FLAG } from '#shared/domain/code-tables.ts';
import { resolveCode, tableText } from './code-values.ts';
import type { ImportColumn } from './columns.ts';

export type Cell = string | number | boolean | Date | null | undefined;

export type CellRead = { kind: 'empty' } | { kind: 'value'; value: string | number } | { kind: 'error'; code: string; message: string };

const DAY_MS = 86_400_000;
// Excel's day 0 in its 1900 date system, counting its phantom 1900-02-29: right from day 61.
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);
// From 1910-01-01: no date of a student record is older, and a smaller number is rather a year
// typed alone (2019 would otherwise read as 1905-07-11).
const FIRST_SERIAL = 3654;
const LAST_SERIAL = 2_958_465; // 9999-12-31

const value = (v: string | number): CellRead => ({ kind: 'value', value: v });
const error = (code: string, message: string): CellRead => ({ kind: 'error', code, message });
const pad = (n: number | string) => String(n).padStart(2, '0');

/** A cell as people saw it, for messages. */
export function cellText(cell: Cell): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : dayOf(cell);
  return String(cell ?? '').trim();
}

// A reader gives a date cell as a Date at midnight UTC (exceljs) or at local midnight, which for
// China is 16:00 UTC the day before: the nearest UTC midnight is the day meant in both cases.
function dayOf(date: Date): string {
  return new Date(Math.round(date.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

function fromSerial(serial: number): string | undefined {
  if (serial < FIRST_SERIAL || serial > LAST_SERIAL) return undefined;
  return new Date(EXCEL_DAY_ZERO + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

type DateParse = { ok: true; date: string } | { ok: false; exists: boolean };

function ymd(year: string, month: string, day: string): DateParse {
  const compact = `${year}${pad(month)}${pad(day)}`;
  return isRealDate(compact) ? { ok: true, date: `${year}-${pad(month)}-${pad(day)}` } : { ok: false, exists: false };
}

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?`;
const SEPARATED_DATE = new RegExp(String.raw`^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?${TIME}$`, 'u');
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

function parseDate(cell: Exclude<Cell, null | undefined | boolean>): DateParse {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { ok: false, exists: true } : { ok: true, date: dayOf(cell) };
  if (typeof cell === 'number') {
    // 20190512 typed into a number cell, else an Excel serial day.
    if (Number.isInteger(cell) && cell >= 1900_01_01 && cell <= 9999_12_31) {
      const digits = String(cell);
      return ymd(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8));
    }
    const date = fromSerial(cell);
    return date ? { ok: true, date } : { ok: false, exists: true };
  }
  const text = cell.normalize('NFKC').trim();
  const match = SEPARATED_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  return match ? ymd(match[1]!, match[2]!, match[3]!) : { ok: false, exists: true };
}

function readDate(entry: ImportColumn, cell: Exclude<Cell, null | undefined>, longTerm: boolean): CellRead {
  if (longTerm && typeof cell === 'string' && cell.normalize('NFKC').trim() === '长期') return value('长期');
  const parsed = typeof cell === 'boolean' ? { ok: false as const, exists: true } : parseDate(cell);
  if (parsed.ok) return value(parsed.date);
  if (!parsed.exists) return error('nonexistent_date', `${entry.header}“${cellText(cell)}”不存在，请核对年月日`);
  return error('invalid_date', `${entry.header}“${cellText(cell)}”无法识别，应为 YYYY-MM-DD，如 2019-05-12${longTerm ? '，或填“长期”' : ''}`);
}

const SEPARATED_MONTH = /^(\d{4})[-/.年](\d{1,2})月?$/u;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;

function readYearMonth(entry: ImportColumn, cell: Exclude<Cell, null | undefined>): CellRead {
  const month = (year: string, m: string) => (Number(year) >= 1900 && Number(m) >= 1 && Number(m) <= 12 ? value(`${year}-${pad(m)}`) : undefined);
  let read: CellRead | undefined;
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1900_01 && cell <= 9999_12) {
    read = month(String(cell).slice(0, 4), String(cell).slice(4));
  } else if (typeof cell === 'string') {
    const text = cell.normalize('NFKC').trim();
    const match = SEPARATED_MONTH.exec(text) ?? COMPACT_MONTH.exec(text);
    if (match) read = month(match[1]!, match[2]!);
  }
  if (!read && typeof cell !== 'boolean') {
    // A whole date (2025-09-01, a date cell, a serial day) gives its month.
    const date = parseDate(cell);
    if (date.ok) read = value(date.date.slice(0, 7));
  }
  return read ?? error('invalid_year_month', `${entry.header}“${cellText(cell)}”无法识别，应为 YYYY-MM，如 2025-09`);
}

function readCode(entry: ImportColumn, cell: Exclude<Cell, null | undefined>): CellRead {
  const table = entry.kind.type === 'code' ? entry.kind.table : FLAG;
  if (typeof cell === 'boolean') return entry.kind.type === 'flag' ? value(cell ? '1' : '0') : error('invalid_code', `${entry.header}不能填 TRUE/FALSE`);
  if (cell instanceof Date) return error('invalid_code', `${entry.header}被 Excel 当成了日期 (${cellText(cell)})，请填写代码或名称`);
  const raw = String(cell).trim();
  const found = resolveCode(table, raw);
  if (found.ok) return value(found.code);
  if (found.ambiguous) return error('ambiguous_code', `${entry.header}“${raw}”对应多个代码 (${found.ambiguous.join('、')})，请填写代码`);
  const count = Object.keys(table).length;
  const choices = count <= 16 ? `：${tableText(table)}` : '，见模板的下拉列表或填写说明';
  return error('invalid_code', `${entry.header}“${raw}”不在代码表中，请填写代码或名称${choices}`);
}

const lostDigits = (entry: ImportColumn, shown: string) =>
  error('number_lost_digits', `${entry.header}“${shown}”被 Excel 存成了数字，可能已丢失数字 (开头的 0 或末尾几位)，请将该列设为文本格式后重新填写`);

// A number above 2^53 has already been rounded, and Excel keeps only 15 significant digits:
// an 18-digit ID number in a number cell is never the number that was typed.
const MAX_EXACT_DIGITS = 15;

function readIdNumber(entry: ImportColumn, cell: Exclude<Cell, null | undefined>): CellRead {
  if (typeof cell === 'number') {
    const digits = Number.isSafeInteger(cell) && cell >= 0 ? String(cell) : '';
    return digits && digits.length <= MAX_EXACT_DIGITS ? value(digits) : lostDigits(entry, cell.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 }));
  }
  if (typeof cell !== 'string') return error('invalid_format', `${entry.header}格式不正确`);
  const text = cell.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
  // A CSV saved by Excel keeps what the cell showed: 4.40106E+17.
  if (/^\d(\.\d+)?E\+\d+$/.test(text)) return lostDigits(entry, text);
  return value(text);
}

function readDigits(entry: ImportColumn, cell: Exclude<Cell, null | undefined>, length: number): CellRead {
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0) return lostDigits(entry, String(cell));
    const digits = String(cell);
    return digits.length < length ? lostDigits(entry, digits) : value(digits);
  }
  if (typeof cell !== 'string') return error('invalid_format', `${entry.header}应为${length}位数字`);
  return value(cell.normalize('NFKC').replace(/\s+/gu, ''));
}

// Mobile numbers (11 digits from 1) and local numbers without area code (7 or 8 digits) survive a
// number cell; anything else there is most likely a number with area code that lost its 0.
const INTACT_PHONE = /^(1\d{10}|[2-9]\d{6,7})$/;

function readPhone(entry: ImportColumn, cell: Exclude<Cell, null | undefined>): CellRead {
  if (typeof cell === 'number') {
    const digits = Number.isSafeInteger(cell) && cell >= 0 ? String(cell) : '';
    return INTACT_PHONE.test(digits) ? value(digits) : lostDigits(entry, String(cell));
  }
  if (typeof cell !== 'string') return error('invalid_format', `${entry.header}格式不正确`);
  return value(cell.normalize('NFKC').replace(/\s+/gu, ''));
}

function readNumber(entry: ImportColumn, cell: Exclude<Cell, null | undefined>, unit: string): CellRead {
  if (typeof cell === 'number') return Number.isFinite(cell) ? value(cell) : error('invalid_number', `${entry.header}应为数字`);
  const text = typeof cell === 'string' ? cell.normalize('NFKC').replace(/\s+/gu, '').replace(new RegExp(`(${unit}|千米|km)$`, 'iu'), '') : '';
  return /^-?\d+(\.\d+)?$/.test(text) ? value(Number(text)) : error('invalid_number', `${entry.header}“${cellText(cell)}”应为数字，单位${unit}`);
}

function readText(entry: ImportColumn, cell: Exclude<Cell, null | undefined>): CellRead {
  // Excel turns some typed text into dates (1-2 in a 班级 column): what was typed is gone.
  if (cell instanceof Date) return error('cell_is_date', `${entry.header}被 Excel 当成了日期 (${cellText(cell)})，请将该列设为文本格式后重新填写`);
  // Names keep every character as typed: no width or compatibility normalisation (淞 ≠ 凇).
  return value(typeof cell === 'string' ? cell.trim() : String(cell));
}

const isEmpty = (cell: Cell): cell is null | undefined | '' => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** Reads one cell for `entry`'s field; an empty cell is `empty` whatever the column. */
export function readCell(entry: ImportColumn, cell: Cell): CellRead {
  if (isEmpty(cell)) return { kind: 'empty' };
  const kind = entry.kind;
  switch (kind.type) {
    case 'code':
    case 'flag':
      return readCode(entry, cell);
    case 'date':
      return readDate(entry, cell, kind.longTerm === true);
    case 'yearMonth':
      return readYearMonth(entry, cell);
    case 'number':
      return readNumber(entry, cell, kind.unit);
    case 'idNumber':
      return readIdNumber(entry, cell);
    case 'digits':
      return readDigits(entry, cell, kind.length);
    case 'phone':
      return readPhone(entry, cell);
    case 'text':
    case 'name':
    case 'placement':
      return readText(entry, cell);
  }
}

/** A row with nothing in it (trailing rows Excel keeps after deleted data). */
export const isEmptyRow = (cells: readonly Cell[]) => cells.every(isEmpty);
