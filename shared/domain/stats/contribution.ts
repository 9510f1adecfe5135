// Statistics (统计): what one item of the records table adds to the counts of the organisations
// above it, and what a write changes, the item's contribution after minus before. Pure, so the
// stream consumer's arithmetic is tested without a table; the consumer only adds the differences.
//
// Counted, at every organisation on the item's path (class, grade, school, county, city, province),
// so any organisation's answer is one read:
// - a student record on roll (在籍: enrolled or on leave, not deleted): `students`, by status,
//   grade (entry year), gender, ethnicity, and the special groups (随迁子女, 留守儿童 of either kind,
//   孤儿, 残疾 of any type);
// - an open problem record (问题学籍), by kind, at the organisations of each of its records;
// - a pending status-change case (待处理异动), by type, at the applicant's and every step's organisations.
// An organisation a problem or case reaches by two paths counts it once.
import { DEFAULT_LISTED_STATUSES } from '../changes/kinds.ts';

/** Counter name → count. */
export type Tally = Record<string, number>;

export interface OrgTally {
  orgId: string;
  /** The organisation above it (null for the root): its counts are listed among that one's children. */
  parentId: string | null;
  counts: Tally;
}

/** The item types that count: the stream delivers only these to the consumer. */
export const COUNTED_ITEM_TYPES = ['student', 'problem', 'change'] as const;

export const SPECIAL_GROUPS = ['migrant', 'leftBehind', 'orphan', 'disability'] as const;
export type SpecialGroup = (typeof SPECIAL_GROUPS)[number];

type Image = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The organisations of a path, each with its parent: '/a/b/c' → a (root), b under a, c under b. */
function orgsOf(orgPath: unknown): { orgId: string; parentId: string | null }[] {
  const ids = typeof orgPath === 'string' ? orgPath.split('/').filter(Boolean) : [];
  return ids.map((orgId, index) => ({ orgId, parentId: index === 0 ? null : ids[index - 1]! }));
}

function studentCounts(item: Image): Tally | undefined {
  const status = text(item.status) ?? 'enrolled';
  if (item.deleted !== undefined || !(DEFAULT_LISTED_STATUSES as readonly string[]).includes(status)) return undefined;
  const counts: Tally = { students: 1, [`status_${status}`]: 1 };
  const dimensions = { grade: item.grade, gender: item.gender, ethnicity: item.ethnicity };
  for (const [dimension, value] of Object.entries(dimensions)) {
    const code = text(value);
    if (code) counts[`${dimension}_${code}`] = 1;
  }
  const special: Record<SpecialGroup, boolean> = {
    migrant: item.migrantChild === '1',
    // 留守儿童: 1 单亲留守, 2 双亲留守; 0 or nothing is not left behind.
    leftBehind: text(item.leftBehind) !== undefined && item.leftBehind !== '0',
    orphan: item.orphan === '1',
    // 残疾类型: 0 无残疾.
    disability: text(item.disability) !== undefined && item.disability !== '0',
  };
  for (const group of SPECIAL_GROUPS) if (special[group]) counts[group] = 1;
  return counts;
}

function paths(values: unknown, pick: (value: Image) => unknown): unknown[] {
  return Array.isArray(values) ? values.map((value) => (value && typeof value === 'object' ? pick(value as Image) : undefined)) : [];
}

/** Where the item counts, and what it counts there; empty for an item that does not count. */
export function contribution(item: Image | undefined): Map<string, OrgTally> {
  const result = new Map<string, OrgTally>();
  if (!item) return result;
  const add = (orgPaths: unknown[], counts: Tally) => {
    for (const org of orgPaths.flatMap(orgsOf)) if (!result.has(org.orgId)) result.set(org.orgId, { ...org, counts });
  };
  switch (item.itemType) {
    case 'student': {
      const counts = studentCounts(item);
      if (counts) add([item.orgPath], counts);
      break;
    }
    case 'problem':
      if (item.status === 'open' && text(item.kind)) add(paths(item.students, (student) => student.orgPath), { [`problem_${item.kind as string}`]: 1 });
      break;
    case 'change':
      if (item.status === 'pending' && text(item.type)) {
        const applicant = item.applicant && typeof item.applicant === 'object' ? (item.applicant as Image).orgPath : undefined;
        add([applicant, ...paths(item.steps, (step) => step.orgPath)], { [`case_${item.type as string}`]: 1 });
      }
      break;
  }
  return result;
}

/** What a write (old image → new image) adds to each organisation's counters; zero differences left out. */
export function delta(before: Image | undefined, after: Image | undefined): OrgTally[] {
  const old = contribution(before);
  const now = contribution(after);
  const changes: OrgTally[] = [];
  for (const orgId of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(orgId);
    const is = now.get(orgId);
    const counts: Tally = {};
    for (const name of new Set([...Object.keys(was?.counts ?? {}), ...Object.keys(is?.counts ?? {})])) {
      const difference = (is?.counts[name] ?? 0) - (was?.counts[name] ?? 0);
      if (difference !== 0) counts[name] = difference;
    }
    if (Object.keys(counts).length > 0) changes.push({ orgId, parentId: (is ?? was)!.parentId, counts });
  }
  return changes;
}

/** Adds `more` into `into` (the differences of many writes to one organisation). */
export function addInto(into: Tally, more: Tally): void {
  for (const [name, count] of Object.entries(more)) into[name] = (into[name] ?? 0) + count;
}
