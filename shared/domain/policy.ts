// The one place that decides who may do what, where. Handlers ask; nothing else decides.
// Pure: no I/O, so it is tested exhaustively.
import { isWithin } from './org.ts';
import type { Principal } from './principal.ts';
import type { Role } from './roles.ts';

export const ACTIONS = ['org.read'] as const;
export type Action = (typeof ACTIONS)[number];

const ALLOWED_ROLES: Record<Action, readonly Role[]> = {
  'org.read': ['province_admin', 'city_admin', 'county_admin', 'school_registrar', 'teacher', 'class_advisor', 'student'],
};

export interface Target {
  /** Path of the organisation the resource belongs to. */
  orgPath: string;
  /** For a student's own resources: the student it belongs to. */
  studentId?: string;
}

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: 'ROLE_NOT_ALLOWED' | 'OUT_OF_SCOPE' };

export function decide(principal: Principal, action: Action, target: Target): Decision {
  if (!ALLOWED_ROLES[action].includes(principal.role)) return { allowed: false, reason: 'ROLE_NOT_ALLOWED' };
  if (!isWithin(target.orgPath, principal.orgPath)) return { allowed: false, reason: 'OUT_OF_SCOPE' };
  // A student acts on itself only: its class is its scope, but another student's record is not.
  if (principal.role === 'student' && target.studentId !== undefined && target.studentId !== principal.studentId) {
    return { allowed: false, reason: 'OUT_OF_SCOPE' };
  }
  return { allowed: true };
}
