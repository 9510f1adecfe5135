// What an export shows, independent of its format: a title, facts about what it is of (学校, 班级 …)
// and tables, each with columns and rows of text or numbers. The PDF and the spreadsheet renderers
// (shared/services/exports/render/) draw any such document; a kind builds one from the records.
// Pure.

/** A cell: text, a number (kept a number in a spreadsheet), or empty. */
export type Cell = string | number | null;

export interface Column {
  header: string;
  /** Share of the page width (the widths of a table are scaled to fill it). */
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Spreadsheet number format of the column's numbers (`0.0`). */
  numberFormat?: string;
}

export interface Table {
  /** A line above the table (a term's name). */
  heading?: string;
  columns: Column[];
  rows: Cell[][];
  /** Lines under the table (its totals). */
  notes?: string[];
}

export interface ExportDocument {
  title: string;
  /** Label and value pairs under the title. */
  facts: [label: string, value: string][];
  tables: Table[];
  /** Lines at the end (signatures, how totals are counted). */
  closing?: string[];
  /** What the download is saved as, without the extension. */
  fileName: string;
  /** The worksheet's name (at most 31 characters, none of []:*?/\). */
  sheetName: string;
}

/** A worksheet name Excel accepts. */
export function sheetNameOf(value: string): string {
  const name = [...value.replace(/[[\]:*?/\\]/g, ' ').trim()].slice(0, 31).join('');
  return name || 'Sheet1';
}

/** A number as the documents print it: at most two decimals, no trailing zeros. */
export const numberText = (value: number) => String(Math.round(value * 100) / 100);

/** An instant in China time, to the minute: `2026-07-05 10:00`. */
export function chinaMinute(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
