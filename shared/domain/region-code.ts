// Region codes (GB/T 2260). Only the province part is checked against a list: ID numbers and
// old records keep codes of counties that have since been merged or renamed, and those remain
// valid, so a current-only county list would wrongly refuse real people.

/** The 34 provincial-level divisions' two-digit codes. */
export const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** A 6-digit region code whose province part exists. */
export function isRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_CODES.has(code.slice(0, 2));
}

/** A 12-digit statistical division code (birthplace), whose first six digits are a region code. */
export function isDivisionCode(code: string): boolean {
  return /^\d{12}$/.test(code) && isRegionCode(code.slice(0, 6));
}
