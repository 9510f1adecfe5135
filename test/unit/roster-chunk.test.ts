// A batch over class rosters goes on chunk after chunk from its cursor: every row once, in order,
// however the chunks are cut (full chunks, pages, time running short inside a page).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const rosters: Record<string, number> = {};

vi.mock('#shared/data/student-repo.ts', () => ({
  rosterPage: async (classId: string, page: { limit: number; after?: Record<string, string> }) => {
    const size = rosters[classId] ?? 0;
    const from = page.after ? Number(page.after.SK) + 1 : 0;
    const to = Math.min(size, from + page.limit);
    const rows = Array.from({ length: to - from }, (_, offset) => {
      const index = from + offset;
      return { studentId: `${classId}-${index}`, name: `s${index}`, key: { PK: classId, SK: String(index), GSI1PK: classId, GSI1SK: String(index) } };
    });
    // As DynamoDB does: a key whenever the page was cut by its limit.
    return { rows, lastKey: to - from === page.limit && rows.length > 0 ? rows.at(-1)!.key : undefined };
  },
}));

const { CHUNK_ITEMS, rosterChunk } = await import('#shared/services/jobs/roster-chunk.ts');

const units = [{ classId: 'A' }, { classId: 'B' }, { classId: 'C' }];

beforeEach(() => {
  Object.assign(rosters, { A: 120, B: 0, C: 30 });
});

/** Runs chunks until the batch is finished, recording every row handled. */
async function runAll(hasTime: () => boolean, handle: (id: string) => 'done' | 'skipped' | { item: string; message: string } = () => 'done') {
  const handled: string[] = [];
  let cursor = { unit: 0 } as { unit: number; after?: Record<string, string> };
  let done = 0;
  let errors = 0;
  let chunks = 0;
  for (;;) {
    chunks += 1;
    const step = await rosterChunk(units, cursor, { hasTime }, async (row) => {
      handled.push(row.studentId);
      return handle(row.studentId);
    });
    done += step.done;
    errors += step.errors.length;
    // A chunk's cursor goes through JSON in the job item.
    cursor = JSON.parse(JSON.stringify(step.cursor)) as typeof cursor;
    if (step.finished) return { handled, done, errors, chunks };
    if (chunks > 1000) throw new Error('no progress');
  }
}

const everyRow = () => [...Array.from({ length: 120 }, (_, i) => `A-${i}`), ...Array.from({ length: 30 }, (_, i) => `C-${i}`)];

describe('rosterChunk', () => {
  it('works through every row once, in chunks of at most CHUNK_ITEMS', async () => {
    const run = await runAll(() => true);
    expect(run.handled).toEqual(everyRow());
    expect(run.done).toBe(150);
    expect(run.chunks).toBe(Math.ceil(150 / CHUNK_ITEMS));
  });

  it('stops inside a page when time runs short and goes on after the last row done', async () => {
    let calls = 0;
    // Time for a couple of groups per chunk, then none.
    const run = await runAll(() => calls++ % 3 !== 2);
    expect(run.handled).toEqual(everyRow());
    expect(run.chunks).toBeGreaterThan(3);
  });

  it('counts done, skipped and failed rows apart', async () => {
    const run = await runAll(() => true, (id) => (id.endsWith('-0') ? { item: id, message: 'x' } : id.startsWith('C') ? 'skipped' : 'done'));
    expect([run.done, run.errors]).toEqual([119, 2]);
  });
});
