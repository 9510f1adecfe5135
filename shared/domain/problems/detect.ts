// The data-quality rules (问题学籍), record by record, pure. A record's own ID number must be a
// real one (GB 11643: format, region, birth date, check digit) and agree with the record's birth
// date and sex; two records must not share an ID number; two records without one must not share
// name, sex and birth date (the rule enrolment applies to a new record). The scan (shared/services/
// problems/scan-worker.ts) keys records by `idNumberKey` and `personKey` to pair them in one pass.
import { parseIdNumber, type IdNumberProblem } from '../id-number.ts';
import type { ProblemKind } from './kinds.ts';

/** What the rules read of a record. */
export interface CheckedRecord {
  studentId: string;
  name: string;
  gender: string;
  birthDate: string;
  idType: string;
  idNumber?: string | undefined;
}

export type MismatchField = 'birthDate' | 'gender';

/** What exactly is wrong with a record's own number. */
export interface ProblemDetail {
  idProblem?: IdNumberProblem;
  fields?: MismatchField[];
}

const MAINLAND_ID = '1';

/** The problem of a record's own ID number, if any: only a mainland resident ID (居民身份证) has rules to break. */
export function idFinding(record: CheckedRecord, today: Date = new Date()): { kind: ProblemKind; detail: ProblemDetail } | undefined {
  if (record.idType !== MAINLAND_ID || !record.idNumber) return undefined;
  const parsed = parseIdNumber(record.idNumber, today);
  if (!parsed.ok) return { kind: 'badIdNumber', detail: { idProblem: parsed.problem } };
  const fields: MismatchField[] = [];
  if (parsed.value.birthDate !== record.birthDate) fields.push('birthDate');
  if (parsed.value.gender !== record.gender) fields.push('gender');
  return fields.length > 0 ? { kind: 'idMismatch', detail: { fields } } : undefined;
}

/** One ID number, one record: the key two records that share a number share (a lower-case x is an X). */
export function idNumberKey(record: Pick<CheckedRecord, 'idType' | 'idNumber'>): string | undefined {
  const number = record.idNumber?.trim().toUpperCase();
  return number ? `${record.idType}#${number}` : undefined;
}

/** Name, sex and birth date of a record without an ID number; names compare as stored (淞 is not 凇). */
export function personKey(record: Pick<CheckedRecord, 'name' | 'gender' | 'birthDate' | 'idNumber'>): string | undefined {
  return record.idNumber?.trim() ? undefined : `${record.name}#${record.gender}#${record.birthDate}`;
}

/** Whether the finding still holds on the records as they are now. */
export function stillHolds(kind: ProblemKind, records: readonly CheckedRecord[], today: Date = new Date()): boolean {
  const same = (keys: (string | undefined)[]) => keys[0] !== undefined && keys.every((key) => key === keys[0]);
  switch (kind) {
    case 'badIdNumber':
    case 'idMismatch':
      return idFinding(records[0]!, today)?.kind === kind;
    case 'duplicateId':
      return same(records.map(idNumberKey));
    case 'possibleDuplicate':
      return same(records.map(personKey));
  }
}

/** The values a finding rests on: evidence given for a record holds for these values, not for the record's later ones. */
export function basisOf(kind: ProblemKind, records: readonly CheckedRecord[]): string {
  if (kind === 'duplicateId') return idNumberKey(records[0]!) ?? '';
  if (kind === 'possibleDuplicate') return personKey(records[0]!) ?? '';
  const record = records[0]!;
  return [record.idType, record.idNumber?.trim().toUpperCase() ?? '', record.birthDate, record.gender].join('#');
}

const ID_PROBLEM_LABEL: Record<IdNumberProblem, string> = {
  format: '证件号格式不正确 (应为18位，最后一位为数字或X)',
  region: '证件号的地区码不存在',
  birthDate: '证件号中的出生日期不存在',
  checksum: '证件号校验码错误',
};

/** The finding in words, for lists. */
export function describeProblem(kind: ProblemKind, detail: ProblemDetail): string {
  switch (kind) {
    case 'badIdNumber':
      return detail.idProblem ? ID_PROBLEM_LABEL[detail.idProblem] : '身份证件号不正确';
    case 'idMismatch':
      return (detail.fields ?? []).map((field) => (field === 'birthDate' ? '出生日期与证件号不一致' : '性别与证件号不一致')).join('；') || '与证件号不一致';
    case 'duplicateId':
      return '两条学籍的身份证件号相同 (一人只能有一条学籍)';
    case 'possibleDuplicate':
      return '姓名、性别、出生日期相同，且都没有身份证件号';
  }
}
