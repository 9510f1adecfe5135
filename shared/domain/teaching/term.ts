// A term (学期) is named by its school year and half: `2026-2027-1` is the autumn term of the
// 2026-2027 school year, `2026-2027-2` its spring term.
export const TERM_PATTERN = /^(\d{4})-(\d{4})-([12])$/;

export function isTerm(value: string): boolean {
  const match = TERM_PATTERN.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

/** 2026-2027学年第一学期 */
export function termLabel(term: string): string {
  const match = TERM_PATTERN.exec(term);
  if (!match) return term;
  return `${match[1]}-${match[2]}学年第${match[3] === '1' ? '一' : '二'}学期`;
}
