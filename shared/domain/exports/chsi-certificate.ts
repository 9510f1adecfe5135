// Graduation certificate numbers (毕业证书编号), 18 digits: the 5-digit institution code, the
// 1-digit school type, the 4-digit year of graduation, the 2-digit level and a 6-digit sequence.
// The first twelve name a sequence, which counts from 1 without gaps or repeats (the counter is
// taken in the same transaction as the students' numbers: shared/data/certificate-repo.ts). Pure.
import type { Level, SchoolType } from './chsi-settings.ts';

export const SEQUENCE_DIGITS = 6;
export const MAX_SEQUENCE = 10 ** SEQUENCE_DIGITS - 1;

export interface SequenceOf {
  institutionCode: string;
  schoolType: SchoolType;
  /** The year the student graduated (yyyy). */
  year: string;
  level: Level;
}

/** The twelve digits before the sequence: what one counter numbers. */
export function certificatePrefix({ institutionCode, schoolType, year, level }: SequenceOf): string {
  return `${institutionCode}${schoolType}${year}${level}`;
}

/** A certificate number, or undefined once the sequence has run out of its six digits. */
export function certificateNo(prefix: string, sequence: number): string | undefined {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) return undefined;
  return `${prefix}${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** The parts of a well-formed number (for checks and tests), or undefined. */
export function parseCertificateNo(value: string): { prefix: string; institutionCode: string; schoolType: string; year: string; level: string; sequence: number } | undefined {
  const match = /^(\d{5})([1567])(\d{4})(0[12456])(\d{6})$/.exec(value);
  if (!match || match[5] === '000000') return undefined;
  const [, institutionCode, schoolType, year, level, sequence] = match as unknown as [string, string, string, string, string, string];
  return { prefix: `${institutionCode}${schoolType}${year}${level}`, institutionCode, schoolType, year, level, sequence: Number(sequence) };
}
