// The check of an import (every job's first step): streams the file, matches its header, checks
// every row with the rules of single enrolment, finds duplicates inside the file and against the
// records already there, and (for a writing run) stores the good rows in chunks for the writers.
// Only a few maps of keys seen so far are kept, never the file: memory stays flat in its size.
import { findByIdNumbers, likelyDuplicates } from '#shared/data/student-repo.ts';
import { isTemplateExample, matchHeaders, type HeaderMatch } from '#shared/domain/imports/columns.ts';
import { CHUNK_ROWS, chunkKey, MAX_IMPORT_ROWS, type Import, type ImportRequest, type RowError } from '#shared/domain/imports/import.ts';
import { rowToStudent } from '#shared/domain/imports/row.ts';
import type { NewStudent } from '#shared/domain/student-record.ts';
import { JobFailure } from '../jobs/run.ts';
import { putJson } from './chunk-files.ts';
import { placementIndex } from './placement-index.ts';
import { readRows, UnreadableFile, type Cell } from './read-rows.ts';
import { withSourceFile } from './source-file.ts';
import type { ChunkFile, ReadyRow } from './write-chunk.ts';

export interface CheckResult {
  /** Data rows in the file. */
  rows: number;
  /** Rows that passed every check (written by a run, counted by a dry run). */
  ready: number;
  /** Rows whose student already has a record (never written again). */
  skipped: number;
  /** Rows refused for their errors. */
  failed: number;
  chunks: number;
  rowErrors: RowError[];
  /** Which column fed which field, by the file's own headers. */
  columnOf: Record<string, string>;
}

/** Rows looked up against the records at once (a BatchGetItem). */
const LOOKUP_ROWS = 100;
/** How often a long check says it is alive (and how far it got). */
const HEARTBEAT_MS = 5_000;

export async function checkFile(record: Import, request: ImportRequest, jobId: string, heartbeat: (rowsRead: number) => Promise<void>): Promise<CheckResult> {
  return withSourceFile(record.importId, (path) => checkRows(path, record, request, jobId, heartbeat));
}

async function checkRows(path: string, record: Import, request: ImportRequest, jobId: string, heartbeat: (rowsRead: number) => Promise<void>): Promise<CheckResult> {
  const placement = await placementIndex(record.schoolId);
  const result: CheckResult = { rows: 0, ready: 0, skipped: 0, failed: 0, chunks: 0, rowErrors: [], columnOf: {} };
  let match: HeaderMatch | undefined;
  const seenIds = new Map<string, number>();
  const seenPeople = new Map<string, number>();
  let pending: ReadyRow[] = [];
  let chunk: ReadyRow[] = [];
  let lastBeat = Date.now();

  const refuse = (errors: RowError[], skipped = false) => {
    result.rowErrors.push(...errors);
    if (skipped) result.skipped += 1;
    else result.failed += 1;
  };
  const flushChunk = async () => {
    if (chunk.length === 0) return;
    if (!request.dryRun) await putJson(chunkKey(record.importId, jobId, result.chunks), { rows: chunk, columnOf: result.columnOf } satisfies ChunkFile);
    result.chunks += 1;
    chunk = [];
  };
  const flushPending = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    for (const ready of await againstRecords(batch, record.schoolId, result.columnOf)) {
      if ('errors' in ready) refuse(ready.errors, true);
      else {
        result.ready += 1;
        chunk.push(ready);
        if (chunk.length >= CHUNK_ROWS) await flushChunk();
      }
    }
  };

  try {
    for await (const { row, cells } of readRows(path, record.format)) {
      if (!match) {
        match = matchHeaders(cells.map(headerText), request.mapping ?? {});
        const problems = headerProblems(match);
        if (problems.length > 0) return { ...result, rowErrors: problems };
        for (const column of match.columns) result.columnOf[column.column.key] = column.header;
        continue;
      }
      result.rows += 1;
      if (result.rows > MAX_IMPORT_ROWS) throw new JobFailure(`文件超过 ${MAX_IMPORT_ROWS} 行，请分成几个文件导入`);
      const checked = rowToStudent(cells, match, placement);
      const errors = checked.errors.map((error) => ({ row, column: error.column, code: error.code, message: error.message }));
      // The template's example row left in the file: never enrol 王小明.
      if (checked.input && isTemplateExample(checked.input)) errors.push({ row, column: result.columnOf.idNumber ?? '', code: 'template_example', message: '这是模板的示例行，请删除后再导入' });
      if (checked.input && errors.length === 0) {
        const twin = inFileTwin(checked.input, row, seenIds, seenPeople);
        if (twin) errors.push({ row, column: result.columnOf[twin.field] ?? '', code: 'duplicate_in_file', message: twin.message });
      }
      if (errors.length > 0 || !checked.input) refuse(errors);
      else {
        pending.push({ row, input: checked.input });
        if (pending.length >= LOOKUP_ROWS) await flushPending();
      }
      if (Date.now() - lastBeat > HEARTBEAT_MS) {
        lastBeat = Date.now();
        await heartbeat(result.rows);
      }
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw new JobFailure(error.message);
    throw error;
  }
  if (!match) throw new JobFailure('文件是空的：第 1 行应为表头');
  await flushPending();
  await flushChunk();
  if (result.rows === 0) throw new JobFailure('文件只有表头，没有学生数据');
  return result;
}

const headerText = (cell: Cell): string => (cell === null ? '' : cell instanceof Date ? cell.toISOString() : String(cell));

/** What makes the header unusable: a mapping naming no field, a required column missing. Reported at row 1. */
function headerProblems(match: HeaderMatch): RowError[] {
  return [
    ...match.mappingErrors.map((error) => ({ row: 1, column: error.header, code: 'unknown_field', message: error.message })),
    ...match.missingRequired.map((missing) => ({ row: 1, column: missing.header, code: 'missing_column', message: `缺少必填列“${missing.header}”` })),
  ];
}

/** An earlier row of the file with the same ID number (or, without one, the same name, sex and birth date). */
function inFileTwin(input: NewStudent, row: number, seenIds: Map<string, number>, seenPeople: Map<string, number>): { field: string; message: string } | undefined {
  if (input.idNumber) {
    const key = `${input.idType}#${input.idNumber}`;
    const first = seenIds.get(key);
    if (first !== undefined) return { field: 'idNumber', message: `与第 ${first} 行的身份证件号相同，一人只能有一个学籍` };
    seenIds.set(key, row);
    return undefined;
  }
  const key = `${input.name}#${input.gender}#${input.birthDate}`;
  const first = seenPeople.get(key);
  if (first !== undefined) return { field: 'name', message: `与第 ${first} 行姓名、性别、出生日期相同且都没有身份证件号，请核实是否同一人` };
  seenPeople.set(key, row);
  return undefined;
}

/** The rows whose student already has a record here (by ID number; without one, a look-alike without ID), with why. */
async function againstRecords(rows: ReadyRow[], schoolId: string, columnOf: Record<string, string>): Promise<(ReadyRow | { row: number; errors: RowError[] })[]> {
  const withId = rows.filter((ready) => ready.input.idNumber);
  const found = await findByIdNumbers(withId.map((ready) => ({ idType: ready.input.idType, idNumber: ready.input.idNumber! })));
  return Promise.all(
    rows.map(async (ready) => {
      if (ready.input.idNumber) {
        const holder = found.get(`${ready.input.idType}#${ready.input.idNumber}`);
        if (!holder) return ready;
        const where = holder.schoolId === schoolId ? '本校' : '其他学校';
        return { row: ready.row, errors: [{ row: ready.row, column: columnOf.idNumber ?? '', code: 'duplicate_id_number', message: `该身份证件号已在${where}注册学籍，未重复导入` }] };
      }
      const similar = (await likelyDuplicates(ready.input.name, ready.input.gender, ready.input.birthDate)).filter((pointer) => !pointer.hasId);
      if (similar.length === 0) return ready;
      return { row: ready.row, errors: [{ row: ready.row, column: columnOf.name ?? '', code: 'possible_duplicate', message: `已有 ${similar.length} 条姓名、性别、出生日期相同且无身份证件号的学籍，未导入；确认不是同一人后请单个注册` }] };
    }),
  );
}
