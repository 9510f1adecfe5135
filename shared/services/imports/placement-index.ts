// Finds the class a spreadsheet row names by its 年级 and 班级 cells, as registrars write them:
// a grade by its name, its entry year or either half of a name like `2025级 (一年级)`; a class by
// its name (`一年级(1)班`), its number (`1`, `01`, `1班`, `(1)班`). Read once per file from the
// school's grades and classes.
import { allChildOrgs } from '#shared/data/directory-repo.ts';
import type { Org } from '#shared/domain/org.ts';

/** Full-width to half-width, no spaces or brackets, a trailing 级/班 dropped, leading zeros of a number dropped. */
function normalize(value: string, suffix: '级' | '班'): string {
  const plain = value.normalize('NFKC').replace(/[\s()（）[\]【】]/g, '');
  const bare = plain.endsWith(suffix) ? plain.slice(0, -1) : plain;
  return /^\d+$/.test(bare) ? String(Number(bare)) : bare;
}

function gradeKeys(grade: Org): string[] {
  const halves = grade.name.split(/[\s(（)）]+/).filter(Boolean);
  return [grade.name, grade.code, ...halves].map((key) => normalize(key, '级'));
}

function classKeys(klass: Org): string[] {
  const number = /(\d+)\D*$/.exec(klass.name.normalize('NFKC'))?.[1];
  return [klass.name, klass.code, ...(number ? [number] : [])].map((key) => normalize(key, '班'));
}

export type Placement = (gradeName: string, className: string) => string | undefined;

export async function placementIndex(schoolId: string): Promise<Placement> {
  const grades = await allChildOrgs(schoolId);
  const byGrade = new Map<string, Map<string, string>>();
  await Promise.all(
    grades.map(async (grade) => {
      const classes = new Map<string, string>();
      for (const klass of await allChildOrgs(grade.orgId)) for (const key of classKeys(klass)) if (!classes.has(key)) classes.set(key, klass.orgId);
      for (const key of gradeKeys(grade)) if (!byGrade.has(key)) byGrade.set(key, classes);
    }),
  );
  return (gradeName, className) => byGrade.get(normalize(gradeName, '级'))?.get(normalize(className, '班'));
}
