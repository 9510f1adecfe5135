// Statistics (统计), pure: what each record, problem and case counts where, the difference a
// write makes, how a batch is packed into transactions, the API's shape, and who may read them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromImage } from '#shared/data/stream-image.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ROLES } from '#shared/domain/roles.ts';
import { countedWrites, summed, transactionGroups, type StreamWrite } from '#shared/domain/stats/batches.ts';
import { addInto, contribution, delta, type Tally } from '#shared/domain/stats/contribution.ts';
import { presentCounts } from '#shared/services/stats/present.ts';

const CLASS_A = '/44/4401/440106/S1/S1-G2026/S1-G2026-C01';
const CLASS_B = '/44/4401/440104/S2/S2-G2025/S2-G2025-C02';

const student = (fields: Record<string, unknown> = {}) => ({
  itemType: 'student',
  studentId: 'st1',
  orgPath: CLASS_A,
  grade: '2026',
  gender: '2',
  ethnicity: '01',
  ...fields,
});

/** The counts of every organisation: what the consumer's additions come to. */
function apply(into: Map<string, Tally>, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): void {
  for (const tally of delta(before, after)) {
    const counts = into.get(tally.orgId) ?? {};
    addInto(counts, tally.counts);
    into.set(tally.orgId, counts);
  }
}

const nonZero = (counts: Map<string, Tally>) =>
  new Map([...counts].map(([orgId, tally]) => [orgId, Object.fromEntries(Object.entries(tally).filter(([, count]) => count !== 0))] as const).filter(([, tally]) => Object.keys(tally).length > 0));

describe('what a student record counts', () => {
  it('counts a record on roll at every organisation of its path, by each dimension', () => {
    const counts = contribution(student({ migrantChild: '1', leftBehind: '2', orphan: '0', disability: '4' }));
    expect([...counts.keys()]).toEqual(['44', '4401', '440106', 'S1', 'S1-G2026', 'S1-G2026-C01']);
    expect(counts.get('44')).toEqual({ orgId: '44', parentId: null, counts: { students: 1, status_enrolled: 1, grade_2026: 1, gender_2: 1, ethnicity_01: 1, migrant: 1, leftBehind: 1, disability: 1 } });
    expect(counts.get('S1-G2026')?.parentId).toBe('S1');
  });

  it('counts a student on leave, not graduates, those who left or deleted records; codes 0 are not special', () => {
    expect(contribution(student({ status: 'leave' })).get('S1')?.counts).toMatchObject({ students: 1, status_leave: 1 });
    for (const status of ['graduated', 'dropout', 'abroad', 'deceased', 'withdrawn']) expect(contribution(student({ status })).size).toBe(0);
    expect(contribution(student({ deleted: { at: '2026-10-01T00:00:00Z', by: 'u', reason: '重复' } })).size).toBe(0);
    expect(contribution(student({ leftBehind: '0', disability: '0', migrantChild: '0', orphan: '0' })).get('S1')?.counts).toEqual({ students: 1, status_enrolled: 1, grade_2026: 1, gender_2: 1, ethnicity_01: 1 });
  });

  it('a transfer moves the counts from one path to the other; the shared ancestors change only by what changed', () => {
    const changes = delta(student(), student({ orgPath: CLASS_B, grade: '2025' }));
    const byOrg = new Map(changes.map((change) => [change.orgId, change.counts]));
    expect(byOrg.get('44')).toEqual({ grade_2026: -1, grade_2025: 1 });
    expect(byOrg.get('4401')).toEqual({ grade_2026: -1, grade_2025: 1 });
    expect(byOrg.get('440106')).toEqual({ students: -1, status_enrolled: -1, grade_2026: -1, gender_2: -1, ethnicity_01: -1 });
    expect(byOrg.get('S2-G2025-C02')).toEqual({ students: 1, status_enrolled: 1, grade_2025: 1, gender_2: 1, ethnicity_01: 1 });
  });

  it('an edit of a counted field changes only that field, everywhere on the path; other edits change nothing', () => {
    const changes = delta(student(), student({ ethnicity: '08' }));
    expect(changes).toHaveLength(6);
    for (const change of changes) expect(change.counts).toEqual({ ethnicity_01: -1, ethnicity_08: 1 });
    expect(delta(student(), student({ phone: '13800138000', version: 2 }))).toEqual([]);
  });

  it('enrolment adds, deletion (soft) and removal subtract', () => {
    expect(delta(undefined, student()).every((change) => change.counts.students === 1)).toBe(true);
    expect(delta(student(), student({ deleted: { at: 'x', by: 'u', reason: 'r' } })).every((change) => change.counts.students === -1)).toBe(true);
    expect(delta(student(), undefined).every((change) => change.counts.students === -1)).toBe(true);
  });

  it('any series of writes adds up to the last image’s contribution (property)', () => {
    const image = fc.record({
      orgPath: fc.constantFrom(CLASS_A, CLASS_B),
      grade: fc.constantFrom('2025', '2026'),
      gender: fc.constantFrom('1', '2'),
      ethnicity: fc.constantFrom('01', '08', '15'),
      status: fc.constantFrom(undefined, 'enrolled', 'leave', 'graduated', 'dropout'),
      migrantChild: fc.constantFrom(undefined, '0', '1'),
      leftBehind: fc.constantFrom(undefined, '0', '1', '2'),
      orphan: fc.constantFrom(undefined, '0', '1'),
      disability: fc.constantFrom(undefined, '0', '3'),
      deleted: fc.constantFrom(undefined, { at: 'x', by: 'u', reason: 'r' }),
    });
    fc.assert(
      fc.property(fc.array(fc.option(image, { nil: undefined }), { maxLength: 12 }), (series) => {
        const counts = new Map<string, Tally>();
        let before: Record<string, unknown> | undefined;
        for (const fields of series) {
          const after = fields && student(fields);
          apply(counts, before, after);
          before = after;
        }
        const expected = new Map([...contribution(before)].map(([orgId, tally]) => [orgId, tally.counts]));
        expect(nonZero(counts)).toEqual(expected);
      }),
    );
  });
});

describe('what problems and cases count', () => {
  const problem = (status: string) => ({ itemType: 'problem', kind: 'duplicateId', status, students: [{ orgPath: CLASS_A }, { orgPath: CLASS_B }] });

  it('an open problem counts once at every organisation of each record, a settled one nowhere', () => {
    const counts = contribution(problem('open'));
    expect(counts.get('4401')?.counts).toEqual({ problem_duplicateId: 1 });
    expect(counts.has('S1-G2026-C01') && counts.has('S2-G2025-C02')).toBe(true);
    expect(delta(problem('open'), problem('resolved')).every((change) => change.counts.problem_duplicateId === -1)).toBe(true);
  });

  it('a pending case counts at the applicant’s and the steps’ organisations, once each; an ended one nowhere', () => {
    const transfer = (status: string) => ({
      itemType: 'change',
      type: 'transfer',
      status,
      applicant: { orgPath: '/44/4401/440104/S2' },
      steps: [{ orgPath: '/44/4401/440104' }, { orgPath: '/44/4401/440106/S1' }, { orgPath: '/44/4401/440106' }],
    });
    const counts = contribution(transfer('pending'));
    expect([...counts.keys()].sort()).toEqual(['440104', '440106', '44', '4401', 'S1', 'S2'].sort());
    expect(counts.get('44')?.counts).toEqual({ case_transfer: 1 });
    for (const status of ['approved', 'rejected', 'cancelled']) expect(contribution(transfer(status)).size).toBe(0);
  });

  it('other items count nothing', () => {
    expect(contribution({ itemType: 'idno', orgPath: CLASS_A }).size).toBe(0);
    expect(contribution({ itemType: 'orgStats', orgId: '44', students: 3 }).size).toBe(0);
  });
});

describe('a batch of stream writes', () => {
  const write = (n: number, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): StreamWrite => ({ eventId: `e${n}`, sequenceNumber: String(100 + n), before, after });

  it('leaves out writes that change no count, and sums the rest per organisation', () => {
    const writes = countedWrites([write(1, undefined, student()), write(2, student(), student({ phone: '1' })), write(3, undefined, student({ studentId: 'st2', gender: '1' }))]);
    expect(writes.map((each) => each.eventId)).toEqual(['e1', 'e3']);
    const school = summed(writes).find((tally) => tally.orgId === 'S1');
    expect(school?.counts).toEqual({ students: 2, status_enrolled: 2, grade_2026: 2, gender_2: 1, gender_1: 1, ethnicity_01: 2 });
  });

  it('drops what cancels out within the batch', () => {
    expect(summed(countedWrites([write(1, undefined, student()), write(2, student(), undefined)]))).toEqual([]);
  });

  it('packs writes in order into transactions of at most the limit: a marker per write plus one addition per organisation', () => {
    const writes = countedWrites(Array.from({ length: 120 }, (_, n) => write(n, undefined, student({ studentId: `s${n}`, orgPath: n % 2 ? CLASS_A : CLASS_B }))));
    const groups = transactionGroups(writes, 100);
    expect(groups.flat().map((each) => each.eventId)).toEqual(writes.map((each) => each.eventId));
    for (const group of groups) {
      const orgs = new Set(group.flatMap((each) => each.tallies.map((tally) => tally.orgId)));
      expect(group.length + orgs.size).toBeLessThanOrEqual(100);
    }
    expect(groups).toHaveLength(2);
  });
});

describe('the API’s shape and the stream’s images', () => {
  it('groups counters by dimension, zeros left out, totals of problems and cases', () => {
    expect(presentCounts({ students: 3, status_enrolled: 2, status_leave: 1, grade_2026: 3, gender_1: 3, gender_2: 0, ethnicity_01: 3, orphan: 1, problem_badIdNumber: 2, case_leave: 1, case_transfer: 2 })).toEqual({
      students: 3,
      byStatus: { enrolled: 2, leave: 1 },
      byGrade: { '2026': 3 },
      byGender: { '1': 3 },
      byEthnicity: { '01': 3 },
      special: { migrant: 0, leftBehind: 0, orphan: 1, disability: 0 },
      openProblems: { total: 2, byKind: { badIdNumber: 2 } },
      pendingCases: { total: 3, byType: { leave: 1, transfer: 2 } },
    });
  });

  it('reads a stream image as the document client reads an item', () => {
    expect(fromImage({ itemType: { S: 'change' }, version: { N: '3' }, steps: { L: [{ M: { orgPath: { S: '/44' }, overdue: { BOOL: false } } }] }, gone: { NULL: true } })).toEqual({
      itemType: 'change',
      version: 3,
      steps: [{ orgPath: '/44', overdue: false }],
      gone: null,
    });
  });
});

describe('who reads statistics', () => {
  const as = (role: Principal['role'], orgPath: string): Principal => ({ userId: 'u', username: 'u', role, orgId: orgPath.split('/').at(-1)!, orgPath, displayName: 'x' });
  const school = '/44/4401/440106/S1';
  it('the offices in their area; teachers, advisors and students never', () => {
    for (const role of ROLES) {
      const allowed = decide(as(role, school), 'stats.read', { orgPath: school }).allowed;
      expect(allowed, role).toBe(['province_admin', 'city_admin', 'county_admin', 'school_registrar'].includes(role));
    }
    expect(decide(as('county_admin', '/44/4401/440104'), 'stats.read', { orgPath: school })).toEqual({ allowed: false, reason: 'OUT_OF_SCOPE' });
  });
});
