// One chunk of a writing run: each row is enrolled exactly as a registrar's single enrolment is
// (same checks, same numbers, same history), with the row's marker in the same transaction. A chunk
// delivered twice, or retried after a crash halfway, finds its written rows by their markers and
// writes nothing twice; its counts go into the job once (import-repo countChunk).
import { getObjectJson, putJson } from './chunk-files.ts';
import { rowMarker, rowStudent } from '#shared/data/import-repo.ts';
import { outcomeKey, type RowError, type RowOutcome } from '#shared/domain/imports/import.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { NewStudent } from '#shared/domain/student-record.ts';
import { ApiError } from '#shared/http/api-error.ts';
import { enrolStudent, RowAlreadyWritten } from '../students/enrol.ts';
import { placeInClass, type Placement } from '../students/placement.ts';

/** A checked row ready to write, as the check step stores it. */
export interface ReadyRow {
  row: number;
  input: NewStudent;
}

/** What the check step stores per chunk: the rows, and which column fed which field (for errors found only when writing). */
export interface ChunkFile {
  rows: ReadyRow[];
  columnOf: Record<string, string>;
}

/** Rows of one chunk written at once: enough to keep DynamoDB busy, few enough not to fight over one counter. */
const PARALLEL_ROWS = 8;

/** Codes that mean the student already has a record: the row is skipped, not failed. */
const ALREADY_THERE = new Set<string>(['DUPLICATE_ID_NUMBER', 'POSSIBLE_DUPLICATE']);

export async function writeChunk(principal: Principal, importId: string, jobId: string, chunk: number, key: string): Promise<{ created: number; skipped: number; failed: number }> {
  const file = await getObjectJson<ChunkFile>(key);
  const places = new Map<string, Promise<Placement>>();
  const placeOf = (classId: string) => {
    if (!places.has(classId)) places.set(classId, placeInClass(classId));
    return places.get(classId)!;
  };
  const outcomes: RowOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < file.rows.length) {
      const ready = file.rows[next++]!;
      outcomes.push(await writeRow(principal, importId, ready, file.columnOf, placeOf));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_ROWS, file.rows.length) }, worker));
  outcomes.sort((a, b) => a.row - b.row);
  // The rows not created, for the report; written before the chunk is counted, so a counted chunk always has its outcome.
  await putJson(outcomeKey(importId, jobId, chunk), outcomes.filter((outcome) => outcome.result !== 'created'));
  return {
    created: outcomes.filter((outcome) => outcome.result === 'created').length,
    skipped: outcomes.filter((outcome) => outcome.result === 'skipped').length,
    failed: outcomes.filter((outcome) => outcome.result === 'failed').length,
  };
}

async function writeRow(principal: Principal, importId: string, ready: ReadyRow, columnOf: Record<string, string>, placeOf: (classId: string) => Promise<Placement>): Promise<RowOutcome> {
  try {
    const record = await enrolStudent(principal, ready.input, { place: await placeOf(ready.input.classId), skipLikelyDuplicates: true, rowMarker: (studentId) => rowMarker(importId, ready.row, studentId) });
    return { row: ready.row, result: 'created', studentId: record.studentId };
  } catch (error) {
    if (error instanceof RowAlreadyWritten) return { row: ready.row, result: 'created', studentId: (await rowStudent(importId, ready.row))! };
    if (!(error instanceof ApiError) || error.status >= 500) throw error;
    const errors: RowError[] = (error.fields.length > 0 ? error.fields : [{ path: '', code: error.code, message: error.message }]).map((field) => ({
      row: ready.row,
      column: columnOf[field.path.split('.')[0] ?? ''] ?? columnOf[field.path] ?? '',
      // As the check reports them: a record already there by the error's code, a field's problem by the field's own code.
      code: ALREADY_THERE.has(error.code) || !field.path ? error.code.toLowerCase() : field.code,
      // One field: the whole message says more (where the duplicate lives); several: each field's own.
      message: error.fields.length <= 1 ? error.message : field.message,
    }));
    return { row: ready.row, result: ALREADY_THERE.has(error.code) ? 'skipped' : 'failed', errors };
  }
}
