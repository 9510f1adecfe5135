// Reading a code-table cell as people fill it in: the code (`1`, `01`, a number 1 where the code
// is `01`), the label (`男`, `汉族`), a shorter everyday word (`汉`, `团员`, `是`/`Y`), or both
// (`01 汉族`, `汉族(01)`, which is also what an export of another system often holds). Only
// codes come out; a word that fits two codes (入学方式 其他: 12 or 99) is refused, never guessed.
// Pure.
import {
  ATTENDANCE_MODE, BLOOD_TYPE, COMMUTE_MODE, DISABILITY, FLAG, GENDER, HEALTH, HOUSEHOLD_TYPE, ID_TYPE, LEFT_BEHIND,
  OVERSEAS_CHINESE, POLITICAL_STATUS, type CodeTable,
} from '#shared/domain/code-tables.ts';
import { NATIONALITY } from '#shared/domain/nationality.ts';

// Words registrars and admissions systems use besides the labels of the national tables.
const EXTRA_WORDS = new Map<CodeTable, Readonly<Record<string, string>>>([
  [GENDER, { 男性: '1', 女性: '2', M: '1', F: '2' }],
  [NATIONALITY, { 中华人民共和国: 'CHN', 香港: 'HKG', 中国香港特别行政区: 'HKG', 澳门: 'MAC', 中国澳门特别行政区: 'MAC', 台湾: 'TWN' }],
  [ID_TYPE, { 身份证: '1', 二代身份证: '1' }],
  [OVERSEAS_CHINESE, { 无: '00' }],
  [POLITICAL_STATUS, { 党员: '01', 预备党员: '02', 团员: '03' }],
  [HEALTH, { 健康: '10', 良好: '10', 一般: '20', 较弱: '20' }],
  [HOUSEHOLD_TYPE, { 农业户口: '1', 非农业户口: '2', 非农: '2' }],
  [ATTENDANCE_MODE, { 寄宿: '2', 住读: '2' }],
  [LEFT_BEHIND, { 否: '0', 非: '0', 无: '0' }],
  [FLAG, { Y: '1', N: '0', YES: '1', NO: '0', TRUE: '1', FALSE: '0', '√': '1', '×': '0' }],
  [DISABILITY, { 无: '0', 否: '0' }],
  [BLOOD_TYPE, { 未知: '0', 不详: '0', A型: '1', B型: '2', AB型: '3', O型: '4' }],
  [COMMUTE_MODE, { 自行车: '2', 电动自行车: '2', 公交: '3', 接送: '4' }],
]);

// A label may also be written without its generic ending: 汉 for 汉族, 单亲留守 for 单亲留守儿童.
const DROPPABLE_ENDINGS = ['族', '儿童', '残疾', '血型'];

/** Case, width and spacing do not matter in a code or a word: `０１`, `chn`, `汉 族`. */
export const normalizeWord = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();

interface Lookup {
  codes: Map<string, string>;
  /** A word to its codes; more than one code means the word is ambiguous. */
  words: Map<string, Set<string>>;
  /** All codes are digits of one width: a number cell `1` can stand for `01`. */
  digits: boolean;
}

const lookups = new Map<CodeTable, Lookup>();

function lookupOf(table: CodeTable): Lookup {
  const known = lookups.get(table);
  if (known) return known;
  const codes = new Map(Object.keys(table).map((code) => [normalizeWord(code), code]));
  const words = new Map<string, Set<string>>();
  const add = (word: string, code: string) => {
    const key = normalizeWord(word);
    if (key) words.set(key, (words.get(key) ?? new Set()).add(code));
  };
  for (const [code, label] of Object.entries(table)) {
    add(label, code);
    for (const ending of DROPPABLE_ENDINGS) {
      if (label.endsWith(ending) && label.length > ending.length) add(label.slice(0, -ending.length), code);
    }
  }
  for (const [word, code] of Object.entries(EXTRA_WORDS.get(table) ?? {})) add(word, code);
  const lookup = { codes, words, digits: Object.keys(table).every((code) => /^\d+$/.test(code)) };
  lookups.set(table, lookup);
  return lookup;
}

export type CodeResult = { ok: true; code: string } | { ok: false; ambiguous?: string[] };

function byCode(lookup: Lookup, text: string): string | undefined {
  const exact = lookup.codes.get(text);
  if (exact) return exact;
  // `1` for `01` and `01` for `1`: Excel drops leading zeros of a number, people add them.
  if (lookup.digits && /^\d{1,3}$/.test(text)) {
    const matches = [...lookup.codes.values()].filter((code) => Number(code) === Number(text));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

function byWord(lookup: Lookup, text: string): CodeResult | undefined {
  const codes = lookup.words.get(text);
  if (!codes) return undefined;
  const [only, ...others] = codes;
  return others.length === 0 && only !== undefined ? { ok: true, code: only } : { ok: false, ambiguous: [...codes].sort() };
}

// Every way to read a text as code then word (`1A血型`: 1 and A血型, or 1A and 血型), and word(code).
function splitPairs(text: string): { code: string; word: string }[] {
  const pairs: { code: string; word: string }[] = [];
  const lead = /^[0-9A-Z_]+/.exec(text)?.[0] ?? '';
  for (let length = lead.length; length > 0; length -= 1) {
    const word = text.slice(length).replace(/^[-_:|.、]+/u, '');
    if (word) pairs.push({ code: text.slice(0, length), word });
  }
  const trailing = /^(.+?)\(([0-9A-Z_]+)\)$/u.exec(text);
  if (trailing) pairs.push({ code: trailing[2]!, word: trailing[1]! });
  return pairs;
}

/** The code a cell's text stands for in `table`. */
export function resolveCode(table: CodeTable, raw: string): CodeResult {
  const lookup = lookupOf(table);
  const text = normalizeWord(raw);
  const code = byCode(lookup, text);
  if (code) return { ok: true, code };
  const word = byWord(lookup, text);
  if (word) return word;
  // Code and label together: `01汉族`, `01-汉族`, `汉族(01)`; both halves must name the same code.
  for (const pair of splitPairs(text)) {
    const fromCode = byCode(lookup, pair.code);
    const fromWord = byWord(lookup, pair.word);
    if (fromCode && (fromWord?.ok ? fromWord.code === fromCode : fromWord?.ambiguous?.includes(fromCode))) return { ok: true, code: fromCode };
  }
  return { ok: false };
}

/**
 * What a drop-down offers: the labels, in the table's order after `preferred`; a label two codes
 * share is shown with its code (`12 其他`, `99 其他`) so that every choice reads back to one code.
 */
export function choicesOf(table: CodeTable, preferred: readonly string[] = []): string[] {
  const lookup = lookupOf(table);
  const order = [...preferred, ...Object.keys(table).sort().filter((code) => !preferred.includes(code))];
  return order.map((code) => {
    const label = table[code]!;
    return (lookup.words.get(normalizeWord(label))?.size ?? 0) > 1 ? `${code} ${label}` : label;
  });
}

/** `1 男、2 女`: a table for people, in code order; a table of internal keys shows its labels only. */
export function tableText(table: CodeTable): string {
  const codes = Object.keys(table);
  if (!codes.every((code) => /^[0-9A-Z]+$/.test(code))) return Object.values(table).join('、');
  return codes
    .sort()
    .map((code) => `${code} ${table[code]}`)
    .join('、');
}
