// Terms (学期) as the API names them, `2026-2027-1` (autumn) and `2026-2027-2` (spring), and the one
// a page starts from: the term today falls in (September to January the autumn term, February to
// August the spring term). Pure: the unit tests read it (useTermParam.ts keeps a page's term in
// its address).
import { isTerm, termLabel } from '#shared/domain/teaching/term.ts';

export { isTerm, termLabel };

/** The term `today` falls in: September–January `${y}-${y+1}-1`, February–August `${y-1}-${y}-2`. */
export function currentTerm(today: Date = new Date()): string {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  if (month >= 9) return `${year}-${year + 1}-1`;
  if (month === 1) return `${year - 1}-${year}-1`;
  return `${year - 1}-${year}-2`;
}

/** The terms a picker offers: the current school year's, four years back and one ahead, newest first; and any others given. */
export function termChoices(extra: readonly string[] = [], today: Date = new Date()): string[] {
  const start = Number(currentTerm(today).slice(0, 4));
  const terms = new Set<string>();
  for (let year = start + 1; year >= start - 4; year -= 1) {
    terms.add(`${year}-${year + 1}-2`);
    terms.add(`${year}-${year + 1}-1`);
  }
  for (const term of extra) if (isTerm(term)) terms.add(term);
  return [...terms].sort((a, b) => b.localeCompare(a));
}
