// An organisation's counters (shared/domain/stats/contribution.ts) in the API's shape (OrgCounts):
// one group per dimension, the codes that were never counted or are back at zero left out.
import { SPECIAL_GROUPS, type SpecialGroup, type Tally } from '#shared/domain/stats/contribution.ts';

function group(tally: Tally, prefix: string): Record<string, number> {
  return Object.fromEntries(Object.entries(tally).flatMap(([name, count]) => (name.startsWith(prefix) && count > 0 ? [[name.slice(prefix.length), count]] : [])));
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);

export function presentCounts(tally: Tally) {
  const byKind = group(tally, 'problem_');
  const byType = group(tally, 'case_');
  return {
    students: tally.students ?? 0,
    byStatus: group(tally, 'status_'),
    byGrade: group(tally, 'grade_'),
    byGender: group(tally, 'gender_'),
    byEthnicity: group(tally, 'ethnicity_'),
    special: Object.fromEntries(SPECIAL_GROUPS.map((name) => [name, tally[name] ?? 0])) as Record<SpecialGroup, number>,
    openProblems: { total: sum(byKind), byKind },
    pendingCases: { total: sum(byType), byType },
  };
}
