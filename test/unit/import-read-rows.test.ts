// Reading spreadsheets for imports: every cell of a large file of Chinese text comes back exactly
// (exceljs's own streaming reader garbles a character cut by a chunk boundary now and then), with
// shared or inline strings, dates, numbers and rare characters; CSV in UTF-8 or GBK.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { encodingOf, readRows, UnreadableFile, type SheetRow } from '#shared/services/imports/read-rows.ts';

const folder = mkdtempSync(join(tmpdir(), 'read-rows-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const HAN = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳';
/** Text of 6 to 40 Han characters (3 bytes each in UTF-8), different for every row and column. */
const textOf = (row: number, column: number) => Array.from({ length: 6 + ((row * 7 + column) % 35) }, (_, i) => HAN[(row * 31 + column * 17 + i * 13) % HAN.length]).join('');

async function collect(path: string, format: 'xlsx' | 'csv'): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRows(path, format)) rows.push(row);
  return rows;
}

describe('XLSX', () => {
  it.each([
    ['shared strings (as Excel writes them)', true],
    ['inline strings', false],
  ])('reads 4,000 rows of Chinese text exactly, with %s', async (_name, shared) => {
    const path = join(folder, `big-${shared}.xlsx`);
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: shared, useStyles: true });
    const sheet = book.addWorksheet('学生信息');
    for (let row = 1; row <= 4000; row += 1) sheet.addRow([textOf(row, 0), textOf(row, 1), textOf(row, 2), row]).commit();
    sheet.commit();
    await book.commit();
    const rows = await collect(path, 'xlsx');
    expect(rows).toHaveLength(4000);
    const wrong = rows.filter(({ row, cells }) => cells[0] !== textOf(row, 0) || cells[1] !== textOf(row, 1) || cells[2] !== textOf(row, 2) || cells[3] !== row);
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('gives dates as dates, numbers as numbers, rare characters whole, and skips empty rows', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('学生信息');
    sheet.addRow(['姓名', '出生日期', '身份证件号', '距离']);
    sheet.addRow(['𠮷野家', new Date(Date.UTC(2014, 2, 15)), '440106201403150023', 3.5]);
    sheet.addRow([]);
    sheet.addRow(['淞', null, { richText: [{ text: '4401' }, { text: '06201403150023' }] }, { formula: '1+1', result: 2 }]);
    sheet.getCell('B2').numFmt = 'yyyy"年"m"月"d"日"';
    const path = join(folder, 'kinds.xlsx');
    writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
    const rows = await collect(path, 'xlsx');
    expect(rows.map((row) => row.row)).toEqual([1, 2, 4]);
    expect(rows[1]!.cells).toEqual(['𠮷野家', new Date(Date.UTC(2014, 2, 15)), '440106201403150023', 3.5]);
    expect(rows[2]!.cells).toEqual(['淞', null, '440106201403150023', 2]);
  });

  it('refuses what is not a workbook', async () => {
    const path = join(folder, 'fake.xlsx');
    writeFileSync(path, 'name,id\n');
    await expect(collect(path, 'xlsx')).rejects.toBeInstanceOf(UnreadableFile);
    const zip = join(folder, 'empty.xlsx');
    writeFileSync(zip, Buffer.from('504b0506000000000000000000000000000000000000', 'hex'));
    await expect(collect(zip, 'xlsx')).rejects.toBeInstanceOf(UnreadableFile);
  });
});

describe('CSV', () => {
  const text = '姓名,身份证件号\r\n张𠮷,440106201403150023\r\n\r\n"李,四",440106201403150031\r\n';

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['GB18030 (Excel in China)', iconv.encode(text, 'gb18030')],
  ])('reads %s by the rows the spreadsheet shows', async (_name, bytes) => {
    const path = join(folder, `file-${bytes.length}.csv`);
    writeFileSync(path, bytes);
    const rows = await collect(path, 'csv');
    expect(rows).toEqual([
      { row: 1, cells: ['姓名', '身份证件号'] },
      { row: 2, cells: ['张𠮷', '440106201403150023'] },
      { row: 4, cells: ['李,四', '440106201403150031'] },
    ]);
  });

  it('tells GBK from UTF-8 even when the sample cuts a character', () => {
    const utf8 = Buffer.from('学生'.repeat(100), 'utf8');
    expect(encodingOf(utf8.subarray(0, utf8.length - 1))).toBe('utf8');
    expect(encodingOf(iconv.encode('学生'.repeat(100), 'gbk'))).toBe('gb18030');
  });
});
