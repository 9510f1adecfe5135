// The checks 学信网 runs on a registration file, run before the file is made: a row that would fail
// there is left out and listed (the job's errors), so the file uploads cleanly and the registrar
// knows whom to deal with. Four checks: ID number against birth date, rare characters, look-alike
// characters, missing fields. Pure.
import { ETHNICITY, GENDER, ID_TYPE } from '../code-tables.ts';
import { maskIdNumber, maskNationalStudentNo } from '../masking.ts';
import type { StudentRecord } from '../student.ts';

export type CheckedRecord = Pick<StudentRecord, 'name' | 'gender' | 'birthDate' | 'idType' | 'idNumber' | 'ethnicity' | 'enrolledOn' | 'nationalStudentNo' | 'schoolStudentNo'>;

const codePoints = (text: string) => [...text].map((char) => ({ char, code: char.codePointAt(0)! }));
const unique = (chars: string[]) => [...new Set(chars)].join('');

/** A mainland ID number whose birth date is not the record's (学信网 matches the two). */
function birthDateProblem(record: CheckedRecord): string | undefined {
  if (record.idType !== '1' || !record.idNumber) return undefined;
  const id = record.idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证件号不是 18 位居民身份证号码，无法核对出生日期';
  // No dates in the message: the job's errors are read by the offices above, and the two dates
  // would give away the masked middle of the ID number.
  const inId = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return inId === record.birthDate ? undefined : '出生日期与身份证件号中的出生日期不符';
}

// Rare characters (生僻字). Names are kept exactly as written, and a name with a character of CJK
// Extension A, B … is a real name (𠮷, 䶮): the record is never "fixed". But 学信网 checks names
// against the identity database in GB 18030's two-byte set, whose ideographs are the basic CJK
// block's U+4E00–U+9FA5; a name with anything beyond cannot be matched and its upload is refused.
// So such a row is left out of the file, and the message tells the registrar to register that
// student by hand on 学信网 (which takes the name with the character as an image or a note).
const isBasic = (code: number) => code >= 0x4e00 && code <= 0x9fa5;
// Characters that look like basic ones but are other code points: the look-alike check below names them.
const isRadical = (code: number) => code >= 0x2e80 && code <= 0x2fdf;
const isCompatibility = (code: number) => (code >= 0xf900 && code <= 0xfaff) || (code >= 0x2f800 && code <= 0x2fa1f);
const IDEOGRAPHIC_ZERO = 0x3007;

function rareCharacterProblem(name: string): string | undefined {
  const rare = codePoints(name)
    .filter(({ char, code }) => /\p{Script=Han}/u.test(char) && !isBasic(code) && !isRadical(code) && !isCompatibility(code) && code !== IDEOGRAPHIC_ZERO)
    .map(({ char }) => char);
  if (rare.length === 0) return undefined;
  return `姓名含生僻字「${unique(rare)}」(不在 GB 18030 双字节字符集内)，学信网无法校验，请在学信网上为该生手工注册 (姓名不作修改)`;
}

// Look-alike characters (形近、同音的异码字). A real homophone check (the name as the identity
// database spells it) needs that database, which only 学信网 has. What is reasonable here, and
// cheap, is to catch what actually makes a name fail there although it reads right: characters
// that look like the right ones but are other code points, which come from copying, input methods
// and old systems. Each is a typing slip to correct on the record (through a key-field change), so
// the row is refused with what was found:
// - full-width letters, digits and spaces (Ｌｉ, ０), and digits at all: no name holds them;
// - 〇 (U+3007), which is read as 零 but typed for the digit 0 or the letter O;
// - dots other than the interpunct · (U+00B7) that GB standards use between the parts of a
//   minority or foreign name: • (U+2022), ・ (U+30FB), ‧ (U+2027), ∙, ⋅, . and their kin;
// - Kangxi and supplementary radicals (⼈, ⻅) and CJK compatibility ideographs (﨑), drawn like
//   ordinary characters (人, 见, 崎) but not them;
// - Latin letters inside a Chinese name, and Cyrillic or Greek letters at all (а, о, Α), which
//   look like Latin ones. A name of Latin letters alone (a foreign student's) is fine.
const FULL_WIDTH = (code: number) => (code >= 0xff01 && code <= 0xff5e) || code === 0x3000;
const DOTS = new Set(['\u2022', '\u30fb', '\uff65', '\u2027', '\u2219', '\u22c5', '\u0387', '\u002e', '\u25cf', '\ufe52', '\u2e31']);

function lookAlikeProblems(name: string): string[] {
  const chars = codePoints(name);
  const found: string[] = [];
  const pick = (test: (each: { char: string; code: number }) => boolean) => unique(chars.filter(test).map(({ char }) => char));
  const fullWidth = pick(({ code }) => FULL_WIDTH(code));
  if (fullWidth) found.push(`全角字符「${fullWidth}」`);
  const digits = pick(({ char }) => /[0-9]/.test(char));
  if (digits) found.push(`数字「${digits}」`);
  if (chars.some(({ code }) => code === IDEOGRAPHIC_ZERO)) found.push('「〇」(易与数字 0、字母 O 混淆)');
  const dots = pick(({ char }) => DOTS.has(char));
  if (dots) found.push(`间隔号「${dots}」(应为「·」)`);
  const radicals = pick(({ code }) => isRadical(code) || isCompatibility(code));
  if (radicals) found.push(`部首或兼容汉字「${radicals}」(与常用字形同而编码不同)`);
  const foreign = pick(({ char }) => /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(char) && /\p{L}/u.test(char));
  if (foreign) found.push(`西里尔或希腊字母「${foreign}」`);
  const han = chars.some(({ char }) => /\p{Script=Han}/u.test(char));
  const latin = pick(({ char }) => /[A-Za-z]/.test(char));
  if (han && latin) found.push(`汉字姓名中的字母「${latin}」`);
  return found.length === 0 ? [] : [`姓名含易混淆字符：${found.join('、')}，请核对姓名`];
}

/** Fields the file must have and a record may lack or hold an unknown code for. */
function missingFields(record: CheckedRecord): string | undefined {
  const missing: string[] = [];
  if (!record.name.trim()) missing.push('姓名');
  if (!GENDER[record.gender]) missing.push('性别');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.birthDate)) missing.push('出生日期');
  if (!ID_TYPE[record.idType]) missing.push('证件类型');
  if (!record.idNumber?.trim()) missing.push('证件号码');
  if (!ETHNICITY[record.ethnicity]) missing.push('民族');
  if (!/^\d{4}-\d{2}$/.test(record.enrolledOn)) missing.push('入学年月');
  return missing.length === 0 ? undefined : `缺少${missing.join('、')}`;
}

/** What 学信网 would refuse in the record, in Chinese; empty when the row can go in the file. */
export function chsiProblems(record: CheckedRecord): string[] {
  return [missingFields(record), birthDateProblem(record), rareCharacterProblem(record.name), ...lookAlikeProblems(record.name)].filter((problem): problem is string => problem !== undefined);
}

/**
 * Who a refused row is, in the job's errors: the name and the school's number (学号), or else the
 * masked ID number, or the national number (masked if it holds the ID number). The offices above
 * read these too, so nothing is shown whole that a list would mask.
 */
export function refusedItem(record: CheckedRecord): string {
  if (record.schoolStudentNo) return `${record.name} (学号 ${record.schoolStudentNo})`;
  if (record.idNumber) return `${record.name} (证件号 ${maskIdNumber(record.idNumber) ?? ''})`;
  return `${record.name} (学籍号 ${maskNationalStudentNo(record.nationalStudentNo)})`;
}
