// Masks personal data (ID numbers, phones, addresses) for lists and for roles that do not need
// the full value. Works on code points so rare characters are never cut in half.

/** An 18-character ID keeps its region code and last four; shorter documents keep less. */
export function maskIdNumber(value: string | undefined): string | undefined {
  if (!value) return value;
  const chars = [...value];
  const [head, tail] = chars.length >= 15 ? [6, 4] : chars.length >= 6 ? [1, 2] : [0, 0];
  return `${chars.slice(0, head).join('')}${'*'.repeat(chars.length - head - tail)}${chars.slice(chars.length - tail).join('')}`;
}

export function maskPhone(value: string | undefined): string | undefined {
  if (!value) return value;
  const chars = [...value];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(Math.max(0, chars.length - 7))}${chars.slice(-4).join('')}`;
}

export function maskAddress(value: string | undefined): string | undefined {
  if (!value) return value;
  const chars = [...value];
  return chars.length <= 6 ? `${chars.slice(0, 2).join('')}****` : `${chars.slice(0, 6).join('')}****`;
}

/** A G number is G + the ID number: masked as the ID number is. L and J numbers hold no ID number. */
export function maskNationalStudentNo(value: string): string {
  return value.startsWith('G') ? `G${maskIdNumber(value.slice(1))}` : value;
}
