// National student numbers (全国学籍号), for life:
//   G + ID number               formal, mainland ID verified
//   L + region + birth + 4 rnd  temporary, at first registration before the ID is verified
//   J + region + birth + 3 seq + check   formal, for students without a usable ID
import { checkCharacter } from './id-number.ts';

export function formalNumber(idNumber: string): string {
  return `G${idNumber}`;
}

/** `random4` must be four digits; the caller retries with new digits if the number is taken. */
export function temporaryNumber(schoolRegion: string, birthDate: string, random4: string): string {
  return `L${schoolRegion}${birthDate.replaceAll('-', '')}${random4}`;
}

/** `sequence` is 1..999; the caller takes the next free one for that region and birth date. */
export function noIdNumber(schoolRegion: string, birthDate: string, sequence: number): string {
  const first17 = `${schoolRegion}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `J${first17}${checkCharacter(first17)}`;
}

/** Whether a string has the shape of a national student number (used to route searches). */
export function looksLikeNationalNo(value: string): boolean {
  return /^[GLJ]\d{17}[\dX]$/.test(value.toUpperCase()) || /^L\d{18}$/.test(value);
}
