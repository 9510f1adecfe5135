// 学号编排, the browser's side: the pattern's tokens in words, the form's values as the API takes
// them (empty codes left out), and the shape of the next number of each grade, made by the same
// pure rules the server numbers with (shared/domain/school-numbering.ts).
import { formatSchoolNumber, numberPrefix, schemeProblem, type NumberingScheme } from '#shared/domain/school-numbering.ts';

export const TOKENS: { token: string; meaning: string }[] = [
  { token: '{year}', meaning: '入学年份，4 位 (如 2026)' },
  { token: '{yy}', meaning: '入学年份后两位 (如 26)' },
  { token: '{site}', meaning: '校区 (办学点) 代码，在下方填写' },
  { token: '{major}', meaning: '专业代码，在下方按年级填写' },
  { token: '{seq:4}', meaning: '序号，4 位 (1 至 9 位均可，如 {seq:5})，须放在最后；每个前缀从 1 起连续编号' },
];

export interface NumberingForm {
  pattern: string;
  site?: string;
  majors?: Record<string, string | undefined>;
}

/** The form's values as the API takes them: codes trimmed, empty ones left out. */
export function schemeOf(values: NumberingForm): NumberingScheme {
  const site = values.site?.trim();
  const majors = Object.fromEntries(Object.entries(values.majors ?? {}).flatMap(([gradeId, code]) => (code?.trim() ? [[gradeId, code.trim()]] : [])));
  return { pattern: values.pattern.trim(), ...(site ? { site } : {}), ...(Object.keys(majors).length > 0 ? { majors } : {}) };
}

/** A grade's entry year: its code when that is a year (2026), else this year. */
const entryYear = (grade: { code: string }) => (/^\d{4}$/.test(grade.code) ? grade.code : String(new Date().getFullYear()));

/**
 * The number's parts, each named (入学年份 2026 · 校区 01 · 专业 05 · 序号 0001), literals as they
 * are: the values the tokens stand for, in the pattern's order, so the registrar sees which digits
 * are which. Only called once the scheme can number the grade.
 */
function partsOf(scheme: NumberingScheme, gradeId: string, year: string): string[] {
  return [...scheme.pattern.matchAll(/\{(year|yy|site|major)\}|\{seq:([1-9])\}|[^{]+/g)].map((match) => {
    if (match[2]) return `序号 ${'1'.padStart(Number(match[2]), '0')}`;
    if (match[1] === 'year') return `入学年份 ${year}`;
    if (match[1] === 'yy') return `入学年份 ${year.slice(2)}`;
    if (match[1] === 'site') return `校区 ${scheme.site ?? ''}`;
    if (match[1] === 'major') return `专业 ${scheme.majors?.[gradeId] ?? ''}`;
    return match[0];
  });
}

/** The first number a student of this grade entering in its year would get (with its parts named), or why there is none. */
export function previewOf(scheme: NumberingScheme, grade: { orgId: string; code: string }): { number: string; parts: string[] } | { problem: string } {
  const problem = schemeProblem(scheme);
  if (problem?.path === 'pattern') return { problem: '规则不完整' };
  if (problem?.path === 'site') return { problem: '请填写校区代码' };
  const year = entryYear(grade);
  const prefix = numberPrefix(scheme, { enrolledOn: `${year}-09`, gradeId: grade.orgId });
  if ('problem' in prefix) return { problem: '未填专业代码，该年级的学生无法生成学号' };
  const number = formatSchoolNumber(prefix.prefix, prefix.width, 1)!;
  return { number, parts: partsOf(scheme, grade.orgId, year) };
}
