// A chunk of a batch over class rosters (year-end batches; later, exports of a school): from a
// cursor (which class, and the last row done in it), a page at a time, a few rows at once, until
// the classes are done, the chunk is full, or the invocation's time runs short. The cursor then
// says where the next chunk goes on, whatever the size of the school.
import { rosterPage, type RosterRow } from '#shared/data/student-repo.ts';
import type { JobError } from '#shared/domain/jobs.ts';
import type { Budget } from './run.ts';

/** Rows read per page; rows worked on at once; items per chunk (a job's progress moves on after each chunk). */
export const PAGE = 50;
export const PARALLEL = 10;
export const CHUNK_ITEMS = 100;

/** What an item came to: done (now, or by an earlier run of the chunk), nothing to do, or a failure to report. */
export type ItemResult = 'done' | 'skipped' | JobError;

export interface RosterCursor {
  /** Index of the class being worked through, and the index key of the last row done in it. */
  unit: number;
  after?: Record<string, string>;
}

export async function rosterChunk<U extends { classId: string }>(
  units: readonly U[],
  cursor: RosterCursor,
  budget: Budget,
  handle: (row: RosterRow, unit: U) => Promise<ItemResult>,
): Promise<{ done: number; errors: JobError[]; cursor: RosterCursor; finished: boolean }> {
  let { unit, after } = cursor;
  let done = 0;
  let seen = 0;
  const errors: JobError[] = [];
  while (unit < units.length && seen < CHUNK_ITEMS && budget.hasTime()) {
    const page = await rosterPage(units[unit]!.classId, { limit: Math.min(PAGE, CHUNK_ITEMS - seen), after });
    let stopped = false;
    for (let start = 0; start < page.rows.length; start += PARALLEL) {
      const group = page.rows.slice(start, start + PARALLEL);
      for (const result of await Promise.all(group.map((row) => handle(row, units[unit]!)))) {
        if (result === 'done') done += 1;
        else if (result !== 'skipped') errors.push(result);
      }
      seen += group.length;
      after = group.at(-1)!.key;
      if (start + PARALLEL < page.rows.length && !budget.hasTime()) {
        // Out of time inside a page: the next chunk goes on after the last row done.
        stopped = true;
        break;
      }
    }
    if (stopped) break;
    after = page.lastKey;
    if (!after) unit += 1;
  }
  return { done, errors, cursor: { unit, ...(after ? { after } : {}) }, finished: unit >= units.length };
}
