// An import file before it goes up (components/storage-upload.ts sends it): what the browser can
// tell (xlsx or csv by its name, not empty, not over the limit).
import { MAX_IMPORT_BYTES, type ImportFormat } from '#shared/domain/imports/import.ts';

export const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
export const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024;

/** 2.4 MB, 12.4 KB, 836 B. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The format by the file's extension (browsers name CSV variously: text/csv, application/vnd.ms-excel, none). */
export function checkImportFile(file: { name: string; size: number }): { format: ImportFormat } | { problem: string } {
  const extension = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  if (extension === 'xls') return { problem: `“${file.name}”是旧版 Excel (.xls) 文件。请在 Excel 中“另存为” Excel 工作簿 (.xlsx) 后再上传。` };
  if (extension !== 'xlsx' && extension !== 'csv') return { problem: `“${file.name}”不是 Excel (.xlsx) 或 CSV 文件，不能导入。请使用导入模板填写。` };
  if (file.size === 0) return { problem: `“${file.name}”是空文件。` };
  if (file.size > MAX_IMPORT_BYTES) return { problem: `“${file.name}”有 ${formatSize(file.size)}，超过 ${MAX_MB} MB 的上限。请分成几个文件导入。` };
  return { format: extension };
}

