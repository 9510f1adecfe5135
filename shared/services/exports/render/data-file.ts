// A data file (shared/domain/exports/data-file.ts) in the format asked for: CSV (its one table, UTF-8
// with a byte-order mark so Excel in China opens it as UTF-8, not GBK), a zip of CSVs (without the
// mark: the OneRoster readers expect plain UTF-8), or a workbook with a plain sheet per table
// (header row, then the rows; every cell text, so codes keep their leading zeros).
import { strToU8, zipSync } from 'fflate';
import { csvText, type DataFile } from '#shared/domain/exports/data-file.ts';
import { sheetNameOf } from '#shared/domain/exports/document.ts';
import type { ExportFormat } from '#shared/domain/exports/kinds.ts';

const BOM = '\uFEFF';

export async function renderDataFile(file: DataFile, format: ExportFormat, made: { at: string }): Promise<Uint8Array> {
  if (format === 'csv') {
    const [table] = file.tables;
    if (!table || file.tables.length !== 1) throw new Error('a CSV holds one table');
    return strToU8(BOM + csvText(table));
  }
  if (format === 'zip') {
    const mtime = new Date(made.at);
    return zipSync(Object.fromEntries(file.tables.map((table) => [table.name, [strToU8(csvText(table)), { mtime }]])), { level: 6 });
  }
  if (format !== 'xlsx') throw new Error(`a data file is not made as ${format}`);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '学籍管理系统';
  workbook.created = new Date(made.at);
  for (const table of file.tables) {
    const sheet = workbook.addWorksheet(sheetNameOf(table.name.replace(/\.csv$/, '')));
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === null ? null : typeof cell === 'number' ? cell : String(cell))));
    sheet.columns.forEach((column, index) => {
      const widest = Math.max(...[table.columns[index] ?? '', ...table.rows.slice(0, 200).map((row) => String(row[index] ?? ''))].map((text) => [...text].length));
      column.width = Math.min(40, Math.max(6, widest * 1.6));
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
