// The number of students of any organisation: classes, schools and counties have a list index of
// their own; a grade, a city and the province add up their children.
import { listChildOrgs } from '#shared/data/directory-repo.ts';
import { countStudents } from '#shared/data/student-counts.ts';
import type { Org } from '#shared/domain/org.ts';

export async function studentCount(org: Org): Promise<number> {
  if (org.kind === 'class' || org.kind === 'school' || org.kind === 'county') return countStudents({ kind: org.kind, id: org.orgId });
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await listChildOrgs(org.orgId, { limit: 100, cursor });
    total += (await Promise.all(page.items.map(studentCount))).reduce((sum, count) => sum + count, 0);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return total;
}
