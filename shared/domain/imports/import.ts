// Imports (招生导入): a school's spreadsheet of new students, uploaded straight to the bucket, checked
// row by row with the rules of single enrolment (a dry run writes nothing), then written in chunks
// fanned out over a queue. One import is one uploaded file; each start of it is a job. Pure.

export const IMPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_CONTENT_TYPE: Record<ImportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** The largest file taken: 100,000 rows of the national form as XLSX are some 15 MB, as CSV 40 MB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Data rows of one file at most (header not counted). */
export const MAX_IMPORT_ROWS = 200_000;

/** Rows written by one chunk message; small enough for a chunk to finish well inside the worker's time. */
export const CHUNK_ROWS = 250;

/** How long an upload form may be used. */
export const UPLOAD_WINDOW_SECONDS = 15 * 60;

/** The bucket keeps an import's file, its chunks and its report this many days (a lifecycle rule on the prefix). */
export const IMPORT_KEEP_DAYS = 30;

/** A download link of a report lives this long; made at each read, never stored. */
export const REPORT_LINK_SECONDS = 5 * 60;

/** Row errors an import answers inline; every one is in the report. */
export const MAX_INLINE_ROW_ERRORS = 500;

export const IMPORT_PREFIX = 'imports/';
// Keys hold the import's id only: nothing personal in keys or links.
export const sourceKey = (importId: string) => `${IMPORT_PREFIX}${importId}/source`;
export const chunkKey = (importId: string, jobId: string, chunk: number) => `${IMPORT_PREFIX}${importId}/${jobId}/chunk-${chunk}.json`;
export const outcomeKey = (importId: string, jobId: string, chunk: number) => `${IMPORT_PREFIX}${importId}/${jobId}/outcome-${chunk}.json`;
export const rowErrorsKey = (importId: string, jobId: string) => `${IMPORT_PREFIX}${importId}/${jobId}/row-errors.json`;
/** The first row errors and how many there are: what a read of the import answers, without the whole list. */
export const rowErrorsHeadKey = (importId: string, jobId: string) => `${IMPORT_PREFIX}${importId}/${jobId}/row-errors-head.json`;
export const reportKey = (importId: string, jobId: string) => `${IMPORT_PREFIX}${importId}/${jobId}/report.xlsx`;

/** An error of one cell (or of the row, when `column` is empty), rows numbered as in the spreadsheet (header = row 1). */
export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface Import {
  importId: string;
  schoolId: string;
  orgPath: string;
  fileName: string;
  format: ImportFormat;
  size: number;
  createdBy: { userId: string; displayName: string; orgPath: string };
  createdAt: string;
  /** The latest job started on it (a dry run or the run). */
  jobId?: string;
  /** The run that writes, once started: an import writes at most once. */
  runJobId?: string;
}

/** What a job of an import does: check only, or check and write. */
export interface ImportRequest {
  importId: string;
  dryRun: boolean;
  mapping?: Record<string, string> | undefined;
}

/** How each row ended: created (with its new record), skipped (already has a record), or refused for its errors. */
export type RowOutcome = { row: number; result: 'created'; studentId: string } | { row: number; result: 'skipped' | 'failed'; errors: RowError[] };

/** A file name safe in a header and a report's name: no path, no control characters. */
export function cleanFileName(name: string): string {
  return name.replace(/^.*[\\/]/, '').replace(/[\p{Cc}"<>|*?:]/gu, '').trim().slice(0, 120);
}
