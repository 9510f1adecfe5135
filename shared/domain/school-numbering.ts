// A school's own student numbers (学号编排): a pattern such as `{year}{site}{major}{seq:4}` gives
// 2025 01 05 0001, 2025 01 05 0002 … Each distinct prefix (all before the sequence) counts on its
// own, from 1, without gaps or repeats (the counter is taken in the enrolment's transaction). Pure.

export interface NumberingScheme {
  pattern: string;
  /** 校区/办学点 code for `{site}`. */
  site?: string | undefined;
  /** 专业 code per grade for `{major}` (colleges keep majors as grades). */
  majors?: Record<string, string> | undefined;
}

const TOKEN = /\{(year|yy|site|major)\}|\{seq:([1-9])\}/g;
/** Literal parts are letters, digits and hyphens; the sequence comes last. */
const PATTERN = /^(?:\{year\}|\{yy\}|\{site\}|\{major\}|[A-Za-z0-9-])*\{seq:[1-9]\}$/;

/** What is wrong with a scheme, in Chinese, or undefined when it is usable. */
export function schemeProblem(scheme: NumberingScheme): { path: string; message: string } | undefined {
  if (!PATTERN.test(scheme.pattern)) return { path: 'pattern', message: '学号规则只能由 {year} {yy} {site} {major}、字母、数字和短横线组成，并以 {seq:N} 结尾 (N 为 1 到 9 位)' };
  if (scheme.pattern.includes('{site}') && !scheme.site) return { path: 'site', message: '规则含 {site}，请填写校区代码' };
  if (scheme.pattern.includes('{major}') && Object.keys(scheme.majors ?? {}).length === 0) return { path: 'majors', message: '规则含 {major}，请为各年级 (专业) 填写专业代码' };
  return undefined;
}

/** The prefix of a student's number and the sequence's width, or why the scheme cannot number this student. */
export function numberPrefix(scheme: NumberingScheme, student: { enrolledOn: string; gradeId: string }): { prefix: string; width: number } | { problem: string } {
  let width = 0;
  let problem: string | undefined;
  const prefix = scheme.pattern.replace(TOKEN, (_whole, name: string | undefined, digits: string | undefined) => {
    if (digits) {
      width = Number(digits);
      return '';
    }
    if (name === 'year') return student.enrolledOn.slice(0, 4);
    if (name === 'yy') return student.enrolledOn.slice(2, 4);
    if (name === 'site') return scheme.site ?? '';
    const major = scheme.majors?.[student.gradeId];
    if (!major) problem = '该年级 (专业) 未设置学号编排中的专业代码';
    return major ?? '';
  });
  return problem ? { problem } : { prefix, width };
}

/** The number for a sequence value, or undefined when the width has run out. */
export function formatSchoolNumber(prefix: string, width: number, sequence: number): string | undefined {
  const digits = String(sequence);
  return digits.length > width ? undefined : `${prefix}${digits.padStart(width, '0')}`;
}
