// Make-up exams (补考): a term's failed, absent and cheating students of a school, per course, each
// once; the registry office schedules one sitting per course and term, and its results are
// entered like a sheet and shown beside the original grade.
import type { Section } from '../teaching/course.ts';
import type { GradeValue } from './sheet.ts';

export const MAKEUP_REASONS = ['failed', 'absent', 'cheating'] as const;
export type MakeupReason = (typeof MAKEUP_REASONS)[number];
export const MAKEUP_REASON_LABEL: Record<MakeupReason, string> = { failed: '不及格', absent: '缺考', cheating: '作弊' };

export interface MakeupStudent {
  studentId: string;
  name: string;
  classId: string;
  reason: MakeupReason;
  /** The sort key of the student's original grade, which the make-up result is written beside. */
  gradeKey: string;
}

export interface MakeupSitting {
  makeupId: string;
  schoolId: string;
  courseId: string;
  courseName: string;
  term: string;
  date: string;
  room: string;
  students: MakeupStudent[];
  grades: ({ studentId: string } & GradeValue)[];
  version: number;
}

/** One sitting per course and term. */
export const makeupIdOf = (course: Pick<Section, 'courseId'>, term: string) => `${course.courseId}-T${term}`;
export const courseOfMakeup = (makeupId: string) => makeupId.slice(0, makeupId.lastIndexOf('-T'));
