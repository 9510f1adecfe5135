// The kinds of field a record is made of (code-table values, texts counted in characters, names,
// dates, region codes, phones), as zod/mini schemas. zod/mini is the tree-shakable build of zod:
// handlers carry only the checks they use. Generic messages (required, wrong type) are written
// by the request reader with the field's label; the messages here say what only the rule knows.
import * as z from 'zod/mini';
import { isRealDate } from './id-number.ts';
import { isDivisionCode, isRegionCode } from './region-code.ts';
import type { CodeTable } from './code-tables.ts';

/** Counts Unicode code points, so a rare character outside the BMP counts once. */
const codePoints = (value: string) => [...value].length;

/** A message for values of the right type only; a missing or mistyped value gets the generic one. */
const whenPresent = (message: string) => (issue: { input?: unknown }) => (typeof issue.input === 'string' ? message : undefined);

/** A value of a national code table, published as an enum with the Chinese labels. */
export function code<T extends CodeTable>(table: T, label: string) {
  // Sorted: an object lists integer-like keys ("10") before others ("01").
  const values = Object.keys(table).sort() as [keyof T & string, ...(keyof T & string)[]];
  return z.enum(values, { error: whenPresent(`${label}代码不在代码表中`) }).check(
    z.meta({ title: label, description: values.map((value) => `${value} ${table[value]}`).join('; '), 'x-enumDescriptions': table }),
  );
}

/** Trimmed text of 1 to `max` characters (code points, so 𠮷 counts once). */
export const text = (max: number, label: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1, `请填写${label}`),
    z.refine((value) => codePoints(value) <= max, `${label}不能超过 ${max} 个字`),
    z.meta({ title: label }),
  );

// A person's name: CJK (any extension block), the middle dot of minority names, Latin letters and
// spaces for foreign names. Stored exactly as given: no normalisation, since look-alike
// characters are different names (淞 ≠ 凇).
const NAME_PATTERN = /^[\p{Script=Han}\p{Script=Latin}·•.\-' ]+$/u;
export const personName = (label: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1, `请填写${label}`),
    z.refine((value) => codePoints(value) <= 50, `${label}不能超过 50 个字`),
    z.refine((value) => NAME_PATTERN.test(value), `${label}只能包含汉字、拉丁字母、间隔号和空格`),
    z.meta({ title: label }),
  );

/** A date as YYYY-MM-DD that exists in the calendar. */
export const isoDate = (label: string) =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD，如 2025-09-01`),
    z.refine((value) => isRealDate(value.replaceAll('-', '')), `${label}不存在，请核对年月日`),
    z.meta({ title: label, format: 'date' }),
  );
export const yearMonth = (label: string) => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}格式应为 YYYY-MM，如 2025-09`), z.meta({ title: label }));
export const regionCode = (label: string) => z.string().check(z.refine(isRegionCode, `${label}应为6位行政区划代码，如 440106`), z.meta({ title: label, pattern: '^\\d{6}$' }));
export const divisionCode = (label: string) => z.string().check(z.refine(isDivisionCode, `${label}应为12位统计用区划代码，如 440106001000`), z.meta({ title: label, pattern: '^\\d{12}$' }));
export const phone = (label: string) => z.string().check(z.trim(), z.regex(/^(\+?\d[\d-]{5,19})$/, `${label}格式不正确，应为数字，可含区号和短横线`), z.meta({ title: label }));
export const postcode = () => z.string().check(z.regex(/^\d{6}$/, '邮政编码应为6位数字'), z.meta({ title: '邮政编码' }));
export const email = () => z.string().check(z.maxLength(100, '电子信箱不能超过 100 个字符'), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, '电子信箱格式不正确'), z.meta({ title: '电子信箱', format: 'email' }));
/** An internal id: letters, digits, `_` and `-` (org ids, student ids). */
export const id = (label: string) => z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, `${label}格式不正确`), z.meta({ title: label }));
