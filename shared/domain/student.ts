// A stored student record and the pure rules around it: where it sits in the org tree, what an
// edit changes, and whether the student has confirmed the current version.
import type { RecordStatus } from './changes/kinds.ts';
import type { NewStudent } from './student-record.ts';

export interface Deletion {
  at: string;
  by: string;
  reason: string;
}

export interface Confirmation {
  at: string;
  version: number;
}

export interface StudentRecord extends NewStudent {
  studentId: string;
  nationalStudentNo: string;
  /** The school's own number (学号), given at enrolment when the school has a numbering scheme (学号编排). */
  schoolStudentNo?: string;
  schoolId: string;
  gradeId: string;
  /** Entry-year code of the grade (年级), read-only: it follows the class. */
  grade: string;
  countyId: string;
  /** Path of the class in the org tree; scope checks run on it. */
  orgPath: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  deleted?: Deletion;
  confirmation?: Confirmation;
  /** Where the record stands (学籍状态); changed only by approved status changes. Absent means enrolled. */
  status?: RecordStatus;
}

/** Where a class sits: /province/city/county/school/grade/class. */
export function placeOfClass(orgPath: string): { countyId: string; schoolId: string; gradeId: string; classId: string } | undefined {
  const parts = orgPath.split('/').slice(1);
  if (parts.length !== 6) return undefined;
  const [, , countyId, schoolId, gradeId, classId] = parts as [string, string, string, string, string, string];
  return { countyId, schoolId, gradeId, classId };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `patch` whose value differs from the record's, with old and new values. */
export function changedFields(record: Record<string, unknown>, patch: Record<string, unknown>): { field: string; old: unknown; new: unknown }[] {
  return Object.entries(patch)
    .filter(([field, value]) => value !== undefined && !sameValue(record[field], value))
    .map(([field, value]) => ({ field, old: record[field] ?? null, new: value }));
}

/** Today's status of a record: records enrolled before statuses existed are enrolled. */
export const statusOf = (record: { status?: RecordStatus | undefined }): RecordStatus => record.status ?? 'enrolled';

export function isConfirmed(record: Pick<StudentRecord, 'confirmation' | 'version'>): boolean {
  return record.confirmation?.version === record.version;
}

/** The history entry of an enrolment: every field the record was created with, from nothing. */
export function enrolmentChanges(fields: object): { field: string; old: null; new: unknown }[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => ({ field, old: null, new: value }));
}
