// The one place that decides who may do what, where. Handlers ask; nothing else decides.
// Pure: no I/O, so it is tested exhaustively.
import { isWithin } from './org.ts';
import type { Principal } from './principal.ts';
import { ROLES, type Role } from './roles.ts';

export const ACTIONS = [
  'org.read',
  'org.manage',
  'user.manage',
  'student.read',
  'student.readFull',
  'student.readDeleted',
  'student.write',
  'student.selfService',
  'student.reviewCorrection',
  'school.yearEnd',
  'teaching.manage',
  'grades.readSchool',
  'grades.exportSheet',
  'student.transcript',
  'problem.read',
  'problem.scan',
  'problem.resolve',
  'photo.upload',
  'photo.read',
  'stats.read',
  'roster.export',
  'records.export',
] as const;
export type Action = (typeof ACTIONS)[number];

const ADMINS: readonly Role[] = ['province_admin', 'city_admin', 'county_admin', 'school_registrar'];

const ALLOWED_ROLES: Record<Action, readonly Role[]> = {
  'org.read': ROLES,
  'org.manage': ADMINS,
  'user.manage': ADMINS,
  'student.read': ROLES,
  // Full ID numbers, phones and addresses: the offices that keep records, and the student itself.
  'student.readFull': [...ADMINS, 'student'],
  // Deleted records stay visible to the school and the county.
  'student.readDeleted': ['school_registrar', 'county_admin'],
  'student.write': ['school_registrar'],
  'student.selfService': ['student'],
  'student.reviewCorrection': ['school_registrar'],
  // Promotion and graduation close the school's year: its registrar's work, not the county's.
  'school.yearEnd': ['school_registrar'],
  // Courses, teaching plans and the timetable (教务) are the school office's.
  'teaching.manage': ['school_registrar'],
  // A school's grades as a whole (the make-up list): its office and the bureaus above.
  'grades.readSchool': ADMINS,
  // A section's grade sheet (登分表) as a file: the offices, and a teacher for the sections it teaches (checked beside).
  'grades.exportSheet': [...ADMINS, 'teacher'],
  // A student's transcript (成绩单) as a file: the offices, the class's advisor and the student itself.
  'student.transcript': [...ADMINS, 'class_advisor', 'student'],
  // Problem records (问题学籍): the offices read the queues and start scans; a school settles its
  // records' problems and the county its schools' (a duplicate across schools is the county's too).
  'problem.read': ADMINS,
  'problem.scan': ADMINS,
  'problem.resolve': ['school_registrar', 'county_admin'],
  // Photos (照片采集) are taken and uploaded by the student's school.
  'photo.upload': ['school_registrar'],
  // A photo is personal data, as the fields masked for teachers and advisors: whoever reads the
  // full record sees it (the offices, the student itself); teachers and class advisors do not.
  'photo.read': [...ADMINS, 'student'],
  // Statistics (统计) of an area: the offices that report on it, a school's registrar for its school.
  'stats.read': ADMINS,
  // A class's roster (学生名册) also for its advisor, with ID numbers masked.
  'roster.export': [...ADMINS, 'class_advisor'],
  // Files of whole organisations' records for other systems (学信网, OneRoster) and photo archives: the offices and bureaus.
  'records.export': ADMINS,
};

export interface Target {
  /** Path of the organisation the resource belongs to. */
  orgPath: string;
  /** For a student's resources: the student they belong to. */
  studentId?: string;
  /** For a student's resources: the class the student is in. */
  classId?: string;
}

export type Decision = { allowed: true } | { allowed: false; reason: 'ROLE_NOT_ALLOWED' | 'OUT_OF_SCOPE' };

export function decide(principal: Principal, action: Action, target: Target): Decision {
  if (!ALLOWED_ROLES[action].includes(principal.role)) return { allowed: false, reason: 'ROLE_NOT_ALLOWED' };
  if (!isWithin(target.orgPath, principal.orgPath)) return { allowed: false, reason: 'OUT_OF_SCOPE' };
  // A student acts on itself only: its class is its scope, but another student's record is not.
  if (principal.role === 'student' && target.studentId !== undefined && target.studentId !== principal.studentId) {
    return { allowed: false, reason: 'OUT_OF_SCOPE' };
  }
  // A teacher belongs to a school but sees only the classes it teaches.
  if (principal.role === 'teacher' && target.classId !== undefined && !(principal.classIds ?? []).includes(target.classId)) {
    return { allowed: false, reason: 'OUT_OF_SCOPE' };
  }
  return { allowed: true };
}

/** Rank of a role in the hierarchy: an admin manages users of a strictly lower rank only. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}
