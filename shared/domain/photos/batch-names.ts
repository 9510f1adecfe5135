// What a photo's file name says about whose photo it is (DOMAIN.md "Photos"): the student's
// 18-character ID number, or, without one, `学校标识码_班号_姓名`. The 班号 names a class within a
// grade: the grade is the batch's own (a grade's or a class's batch), or given by the year in a
// folder the file is in (2026级/), or by writing the 班号 as entry year and class (202601). Pure.

export type PhotoName =
  | { kind: 'idNumber'; idNumber: string }
  | { kind: 'schoolClassName'; schoolCode: string; classNo: string; gradeYear: string | undefined; name: string }
  | { kind: 'unknown' };

const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;

export function parsePhotoName(path: string): PhotoName {
  const segments = path.replace(/\\/g, '/').split('/');
  const base = segments.at(-1)!;
  const stem = base.replace(/\.jpe?g$/i, '').trim();
  if (/^\d{17}[\dXx]$/.test(stem)) return { kind: 'idNumber', idNumber: stem.toUpperCase() };
  const match = /^(\d{10})_(\d{1,2}|\d{6})_(.+)$/u.exec(stem);
  if (!match) return { kind: 'unknown' };
  const [, schoolCode, classCode, name] = match as unknown as [string, string, string, string];
  const folderYear = segments
    .slice(0, -1)
    .map((folder) => YEAR.exec(folder)?.[1])
    .filter((year) => year !== undefined)
    .at(-1);
  const [gradeYear, classNo] = classCode.length === 6 ? [classCode.slice(0, 4), classCode.slice(4)] : [folderYear, classCode];
  return { kind: 'schoolClassName', schoolCode, classNo: classNo.padStart(2, '0'), gradeYear, name: name.trim() };
}

/** The entry year of a grade's or a class's id (`<school>-G2026`, `<school>-G2026-C01`). */
export function gradeYearOf(orgId: string): string | undefined {
  return /-G(\d{4})(?:-C\d{2})?$/.exec(orgId)?.[1];
}

/** The class a `学校标识码_班号_姓名` name points at, as an id (the tree's ids follow from codes, shared/domain/org-codes.ts). */
export const classIdOf = (schoolId: string, gradeYear: string, classNo: string) => `${schoolId}-G${gradeYear}-C${classNo}`;
