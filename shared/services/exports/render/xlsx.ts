// A document (shared/domain/exports/document.ts) as one worksheet of an XLSX workbook: the title,
// the facts (label in column A, value in B), each table with its header row and its notes, and the
// closing lines. Numbers stay numbers (a score is a number, a mark its label), so the sheet can be
// summed and sorted; it prints on A4 at the page's width, the header repeated when there is one table.
import ExcelJS from 'exceljs';
import type { Cell, ExportDocument } from '#shared/domain/exports/document.ts';

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } } as const;

export async function renderXlsx(document: ExportDocument, made: { at: string }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '学籍管理系统';
  workbook.created = new Date(made.at);
  const sheet = workbook.addWorksheet(document.sheetName, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const span = Math.max(2, ...document.tables.map((table) => table.columns.length));
  const wide = (text: string, options: { size?: number; bold?: boolean; center?: boolean } = {}) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, span);
    row.getCell(1).font = { size: options.size ?? 11, bold: options.bold ?? false };
    row.getCell(1).alignment = { horizontal: options.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
    return row;
  };

  wide(document.title, { size: 16, bold: true, center: true }).height = 28;
  for (const [label, value] of document.facts) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (span > 2) sheet.mergeCells(row.number, 2, row.number, span);
  }
  let headerRow: number | undefined;
  for (const table of document.tables) {
    sheet.addRow([]);
    if (table.heading) wide(table.heading, { bold: true, size: 12 });
    const header = sheet.addRow(table.columns.map((column) => column.header));
    headerRow ??= header.number;
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    });
    for (const values of table.rows) {
      // Empty cells stay empty (no empty strings): a blank score reads back as no value.
      const row = sheet.addRow(values.map((value: Cell) => (value === '' ? null : value)));
      table.columns.forEach((column, index) => {
        const cell = row.getCell(index + 1);
        cell.border = BORDER;
        cell.alignment = { horizontal: column.align ?? 'left', vertical: 'middle' };
        if (column.numberFormat && typeof values[index] === 'number') cell.numFmt = column.numberFormat;
      });
    }
    for (const note of table.notes ?? []) wide(note);
  }
  if (document.closing?.length) sheet.addRow([]);
  for (const closing of document.closing ?? []) wide(closing);

  // Column widths from the widest table's shares (about four characters per share), at least the header's width.
  const widest = document.tables.reduce<ExportDocument['tables'][number] | undefined>((best, table) => (!best || table.columns.length > best.columns.length ? table : best), undefined);
  sheet.columns.forEach((column, index) => {
    const share = widest?.columns[index];
    column.width = share ? Math.max(8, Math.round(share.width * 7)) : 14;
  });
  if (document.tables.length === 1 && headerRow !== undefined) {
    sheet.views = [{ state: 'frozen', ySplit: headerRow }];
    sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
