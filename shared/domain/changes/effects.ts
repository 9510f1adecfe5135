// What the last approval does to the record: a new class (and school), a new status, or new key
// fields. Pure: the service commits the answer with the case's completion, the history entry and,
// for a new ID number, the uniqueness items moved.
import { formalNumber } from '../national-student-no.ts';
import { statusOf, type StudentRecord } from '../student.ts';
import type { KeyField } from '../student-record.ts';
import { CHANGE_EFFECT, type ChangeType } from './kinds.ts';

/** A class the record moves to, resolved from the org tree. */
export interface ClassPlace {
  classId: string;
  gradeId: string;
  /** Entry year of the grade. */
  grade: string;
  schoolId: string;
  countyId: string;
  orgPath: string;
}

export interface RecordEffect {
  set: Record<string, unknown>;
  /** Attributes to remove: a seat number means nothing in another class. */
  remove: string[];
  changes: { field: string; old: unknown; new: unknown }[];
}

export function effectOf(type: ChangeType, record: StudentRecord, target: { place?: ClassPlace; keyFields?: Partial<Record<KeyField, string>> }): RecordEffect {
  const effect = CHANGE_EFFECT[type];
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  if (effect.kind === 'move') {
    const place = target.place;
    if (!place) throw new Error(`a ${type} needs the class it moves to`);
    Object.assign(set, { classId: place.classId, gradeId: place.gradeId, grade: place.grade, schoolId: place.schoolId, countyId: place.countyId, orgPath: place.orgPath });
    if (place.classId !== record.classId && record.classSeatNo) remove.push('classSeatNo');
  }
  if (effect.kind === 'move' || effect.kind === 'status') set.status = effect.status;
  if (effect.kind === 'keyFields') {
    Object.assign(set, target.keyFields ?? {});
    // A formal number is G + the ID number: it follows a corrected ID number, and a temporary L
    // number becomes formal once a mainland ID number is recorded. J numbers are for life.
    const idNumber = target.keyFields?.idNumber;
    const mainland = (target.keyFields?.idType ?? record.idType) === '1';
    if (idNumber && mainland && !record.nationalStudentNo.startsWith('J')) set.nationalStudentNo = formalNumber(idNumber);
  }
  const current = record as unknown as Record<string, unknown>;
  const changes = [
    ...Object.entries(set)
      .filter(([field, value]) => (field === 'status' ? statusOf(record) : current[field]) !== value)
      .map(([field, value]) => ({ field, old: field === 'status' ? statusOf(record) : (current[field] ?? null), new: value })),
    ...remove.map((field) => ({ field, old: current[field] ?? null, new: null })),
  ];
  return { set, remove, changes };
}
