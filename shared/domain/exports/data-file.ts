// A data file: tables of plain columns and rows, made for another system to read (the 学信网
// registration files, the OneRoster bundle, a roster as CSV), not for print. One table is a CSV or
// a worksheet; several are the CSVs of a zip or the sheets of a workbook. Pure.
import type { Cell } from './document.ts';

export interface DataTable {
  /** The table's file name in a zip (`users.csv`) or its sheet's name. */
  name: string;
  columns: string[];
  rows: Cell[][];
}

export interface DataFile {
  tables: DataTable[];
  /** What the download is saved as, without the extension. */
  fileName: string;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as CSV text, lines ended by CRLF as RFC 4180 says. */
export function csvText(table: Pick<DataTable, 'columns' | 'rows'>): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
