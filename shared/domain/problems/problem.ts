// A problem record (问题学籍) as kept: what was found, about which records (as they were when
// found), where it is listed, and how it was settled. Pure.
import type { ProblemDetail } from './detect.ts';
import type { ProblemKind, ProblemStatus, Resolution } from './kinds.ts';

/** A record of the problem, as the scan found it. */
export interface ProblemStudent {
  studentId: string;
  name: string;
  gender: string;
  birthDate: string;
  /** Masked as every list masks it (shared/domain/masking.ts): a problem holds no full ID number. */
  idNumber?: string;
  schoolId: string;
  schoolName: string;
  countyId: string;
  countyName: string;
  /** The record's class path when found: whose queues list the problem and who may settle it. */
  orgPath: string;
}

export interface ProblemResolution {
  resolution: Resolution;
  comment?: string;
  by: { userId: string; displayName: string; role: string; orgId: string };
  at: string;
  /** The accepted files it rests on (evidence). */
  evidenceIds?: string[];
  /** A digest of the values the records had when settled (shared/domain/problems/resolve.ts `reopens`). */
  basis: string;
}

export interface Problem {
  /** Follows from the kind and the records (shared/data/problem-repo.ts): the same finding is always the same problem. */
  problemId: string;
  kind: ProblemKind;
  status: ProblemStatus;
  /** Sorted. */
  studentIds: string[];
  students: ProblemStudent[];
  detail: ProblemDetail;
  /** A digest of the values found. */
  basis: string;
  /** The schools and counties whose queues list it. */
  queues: string[];
  detectedAt: string;
  /** Since when it stands as it does (found, settled or found again): its place in the queues. */
  since: string;
  version: number;
  resolution?: ProblemResolution;
}

/** Each record's school and county: every one of them has the problem in its queue (a cross-county duplicate: both counties). */
export const queuesOf = (students: readonly Pick<ProblemStudent, 'schoolId' | 'countyId'>[]): string[] => [...new Set(students.flatMap((student) => [student.schoolId, student.countyId]))];
