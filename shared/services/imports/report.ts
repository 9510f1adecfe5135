// The report of an import: the file's own rows as they were, plus a column saying what was wrong
// with each refused or skipped row, as XLSX. Made by streaming the file again into a streaming
// workbook on the function's disk, then uploaded: a report of any size is never held in memory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { putObjectFile } from '#shared/data/object-store.ts';
import { bucketName } from '#shared/data/resource-names.ts';
import { attachment } from '#shared/domain/exports/kinds.ts';
import { IMPORT_CONTENT_TYPE, reportKey, type Import, type RowError } from '#shared/domain/imports/import.ts';
import { FILES_BUCKET } from '#shared/manifest/resources.ts';
import { readRows } from './read-rows.ts';
import { withSourceFile } from './source-file.ts';

/** What the report's last column says of each row with errors. */
export function errorsByRow(errors: readonly RowError[]): Map<number, string> {
  const byRow = new Map<number, string[]>();
  for (const error of errors) {
    const list = byRow.get(error.row) ?? [];
    list.push(error.column ? `${error.column}：${error.message}` : error.message);
    byRow.set(error.row, list);
  }
  return new Map([...byRow].map(([row, messages]) => [row, messages.join('；')]));
}

export async function writeReport(record: Import, jobId: string, errors: readonly RowError[]): Promise<void> {
  await withSourceFile(record.importId, (path) => reportOf(path, record, jobId, errors));
}

async function reportOf(source: string, record: Import, jobId: string, errors: readonly RowError[]): Promise<void> {
  const messages = errorsByRow(errors);
  const folder = await mkdtemp(join(tmpdir(), 'import-report-'));
  const path = join(folder, 'report.xlsx');
  try {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet('导入结果', { views: [{ state: 'frozen', ySplit: 1 }] });
    let errorColumn = 0;
    for await (const { row, cells } of readRows(source, record.format)) {
      if (errorColumn === 0) {
        errorColumn = cells.length + 1;
        const header = sheet.getRow(row);
        header.values = [...cells, '错误'];
        header.font = { bold: true };
        header.getCell(errorColumn).font = { bold: true, color: { argb: 'FFC00000' } };
        header.commit();
        continue;
      }
      const line = sheet.getRow(row);
      const message = messages.get(row);
      const values: (ExcelJS.CellValue | undefined)[] = [...cells];
      values[errorColumn - 1] = message ?? null;
      line.values = values as ExcelJS.CellValue[];
      if (message) line.getCell(errorColumn).font = { color: { argb: 'FFC00000' } };
      line.commit();
    }
    sheet.commit();
    await book.commit();
    const name = `导入报告-${record.fileName.replace(/\.(xlsx|csv)$/i, '')}.xlsx`;
    await putObjectFile(bucketName(FILES_BUCKET), reportKey(record.importId, jobId), path, { contentType: IMPORT_CONTENT_TYPE.xlsx, contentDisposition: attachment(name) });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
