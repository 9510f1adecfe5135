// Mainland resident ID numbers (GB 11643-1999): 6-digit region code, 8-digit birth date,
// 3-digit sequence (odd male, even female) and an ISO 7064 MOD 11-2 check character.
import { isRegionCode } from './region-code.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for 17 leading digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checksum';

export interface ParsedIdNumber {
  idNumber: string;
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** National gender code: '1' male, '2' female. */
  gender: '1' | '2';
}

/** Parses and checks an 18-character ID number; a lower-case x is read as X. */
export function parseIdNumber(input: string, today: Date = new Date()): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const idNumber = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, problem: 'format' };
  const regionCode = idNumber.slice(0, 6);
  if (!isRegionCode(regionCode)) return { ok: false, problem: 'region' };
  const birth = idNumber.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isRealDate(birth) || birthDate > today.toISOString().slice(0, 10)) return { ok: false, problem: 'birthDate' };
  if (checkCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, value: { idNumber, regionCode, birthDate, gender: Number(idNumber[16]) % 2 === 1 ? '1' : '2' } };
}

export const ID_PROBLEM_TEXT: Record<IdNumberProblem, string> = {
  format: '身份证件号应为18位，前17位为数字，最后一位为数字或X',
  region: '身份证件号的地区码不正确',
  birthDate: '身份证件号中的出生日期不存在',
  checksum: '身份证件号校验码错误，请核对后重新输入',
};
