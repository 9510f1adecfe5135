// The import bench's spreadsheets: the template's columns and example row, one new student a row
// with a valid ID number of its own, written by exceljs' streaming WorkbookWriter to a file on disk
// (never a workbook in memory), with shared strings and date cells as Excel saves them. The same
// rows, as the cells the import reads, give the raw baseline its records (import.ts).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, templateHeader, type ImportColumn } from '#shared/domain/imports/columns.ts';
import { checkCharacter } from '#shared/domain/id-number.ts';

export type Cell = string | number | Date | null;

/** Where a round's rows go: its grade (by name) and classes of `classSize` rows each (by name). */
export interface RoundPlace {
  gradeName: string;
  classNames: string[];
  classSize: number;
}

// Birth dates over 15 years from 2005 and three-digit sequences: 5 million numbers per region, so
// each flow and round takes a range of serials of its own and no two rows anywhere share a number.
const FIRST_BIRTH = Date.UTC(2005, 0, 1);
const BIRTH_DAYS = 5000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁'];
const GIVEN = ['子涵', '欣怡', '梓轩', '浩然', '雨桐', '宇航', '思彤', '俊杰', '嘉怡', '一诺', '诗涵', '子墨', '晨曦', '家豪', '睿', '悦'];

export const HEADERS = IMPORT_COLUMNS.map(templateHeader);
const column = (header: string) => IMPORT_COLUMNS.findIndex((entry) => entry.header === header);
const AT = { name: column('姓名'), gender: column('性别'), birthDate: column('出生日期'), idNumber: column('身份证件号'), grade: column('年级'), klass: column('班级'), seat: column('班内学号') };

/** The template's example value of a column, typed as template.ts writes it (dates as dates). */
function exampleValue(entry: ImportColumn): Cell {
  const example = entry.example;
  if (example === undefined) return null;
  if (entry.kind.type === 'number') return Number(example);
  if (entry.kind.type === 'date' || entry.kind.type === 'yearMonth') {
    const [year, month, day] = example.split('-').map(Number);
    return new Date(Date.UTC(year!, month! - 1, day ?? 1));
  }
  return example;
}
const EXAMPLE = IMPORT_COLUMNS.map(exampleValue);

/** The student of a serial: a valid, unique ID number in `region`, the sex and birth date it says, a name. */
export function studentOf(region: string, serial: number): { idNumber: string; gender: '1' | '2'; birthDate: Date; name: string } {
  const birthDate = new Date(FIRST_BIRTH + (serial % BIRTH_DAYS) * 86_400_000);
  const sequence = Math.floor(serial / BIRTH_DAYS);
  if (sequence > 999) throw new Error(`bench import: serial ${serial} is beyond region ${region}'s numbers`);
  const first17 = `${region}${birthDate.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const name = `${SURNAMES[serial % SURNAMES.length]!}${GIVEN[Math.floor(serial / SURNAMES.length) % GIVEN.length]!}`;
  return { idNumber: `${first17}${checkCharacter(first17)}`, gender: sequence % 2 === 1 ? '1' : '2', birthDate, name };
}

/** A row's seat number in its class: 1 to 999 (three digits at most); none past that in a class of over 999 rows. */
export function seatOf(place: RoundPlace, index: number): string | null {
  const seat = (index % place.classSize) + 1;
  return seat <= 999 ? String(seat) : null;
}

/** Row `index` of a round (0-based): the example row as that student, in its class. */
export function rowCells(place: RoundPlace, region: string, serial: number, index: number): Cell[] {
  const student = studentOf(region, serial);
  const cells = [...EXAMPLE];
  cells[AT.name] = student.name;
  cells[AT.gender] = student.gender === '1' ? '男' : '女';
  cells[AT.birthDate] = student.birthDate;
  cells[AT.idNumber] = student.idNumber;
  cells[AT.grade] = place.gradeName;
  cells[AT.klass] = place.classNames[Math.floor(index / place.classSize)]!;
  cells[AT.seat] = seatOf(place, index);
  return cells;
}

/** Writes `rows` rows from serial `firstSerial` to a new XLSX file, streamed to disk; its path. */
export async function writeImportFile(place: RoundPlace, region: string, firstSerial: number, rows: number): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'xueji-bench-import-')), `bench-${rows}.xlsx`);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const sheet = book.addWorksheet('学生信息');
  sheet.addRow(HEADERS).commit();
  for (let index = 0; index < rows; index += 1) {
    const row = sheet.addRow(rowCells(place, region, firstSerial + index, index));
    row.getCell(AT.birthDate + 1).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  sheet.commit();
  await book.commit();
  return path;
}
