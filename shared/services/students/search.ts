// Rosters, school and county lists, and search by name prefix, full ID number or national
// student number, always inside the caller's subtree, and never with a Scan: every path is a
// GetItem on a uniqueness item or a Query on one roster partition.
import { getOrg } from '#shared/data/directory-repo.ts';
import { findByIdNumber, findByNationalNo, getStudent, listStudents, type RosterScope, type StudentRow } from '#shared/data/student-repo.ts';
import { DEFAULT_LISTED_STATUSES, type RecordStatus } from '#shared/domain/changes/kinds.ts';
import { parseIdNumber } from '#shared/domain/id-number.ts';
import { looksLikeNationalNo } from '#shared/domain/national-student-no.ts';
import { isWithin, type OrgKind } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { statusOf, type StudentRecord } from '#shared/domain/student.ts';
import { badRequest, forbidden } from '#shared/http/api-error.ts';
import { studentTarget } from './access.ts';

export interface StudentQuery {
  schoolId?: string | undefined;
  classId?: string | undefined;
  countyId?: string | undefined;
  grade?: string | undefined;
  /** Record statuses, comma-separated (`enrolled,leave` unless given). */
  status?: string | undefined;
  q?: string | undefined;
  includeDeleted?: 'true' | 'false' | undefined;
  limit: number;
  cursor?: string | undefined;
}

const visible = (principal: Principal, record: StudentRow, includeDeleted: boolean) =>
  decide(principal, 'student.read', studentTarget(record)).allowed &&
  (!record.deleted || (includeDeleted && decide(principal, 'student.readDeleted', studentTarget(record)).allowed));

async function exactLookup(principal: Principal, q: string, includeDeleted: boolean): Promise<StudentRecord[] | undefined> {
  const upper = q.toUpperCase();
  let pointer;
  if (looksLikeNationalNo(upper)) pointer = await findByNationalNo(upper);
  else if (parseIdNumber(upper).ok) pointer = await findByIdNumber('1', upper);
  else if (/^[\dX]{15,18}$/i.test(q)) return [];
  else return undefined;
  if (!pointer || !isWithin(pointer.orgPath, principal.orgPath)) return [];
  const record = await getStudent(pointer.studentId);
  return record && visible(principal, record, includeDeleted) ? [record] : [];
}

async function scopeOf(principal: Principal, query: StudentQuery): Promise<RosterScope> {
  const requested: [OrgKind, string | undefined][] = [['class', query.classId], ['school', query.schoolId], ['county', query.countyId]];
  const given = requested.find(([, id]) => id !== undefined);
  if (given) {
    const [kind, id] = given as [OrgKind, string];
    const org = await getOrg(id);
    if (!org || org.kind !== kind) throw badRequest('VALIDATION_FAILED', '组织机构不存在', [{ path: `${kind}Id`, code: 'unknown_org', message: '不存在' }]);
    const decision = decide(principal, 'student.read', { orgPath: org.orgPath, ...(kind === 'class' ? { classId: id } : {}) });
    // A teacher reads its classes one at a time, not the whole school.
    if (!decision.allowed || (principal.role === 'teacher' && kind !== 'class')) throw forbidden('OUT_OF_SCOPE', '不在您的管辖范围内');
    return { kind: kind as RosterScope['kind'], id };
  }
  switch (principal.role) {
    case 'class_advisor':
      return { kind: 'class', id: principal.orgId };
    case 'school_registrar':
      return { kind: 'school', id: principal.orgId };
    case 'county_admin':
      return { kind: 'county', id: principal.orgId };
    case 'teacher':
      throw badRequest('SCOPE_REQUIRED', '请选择要查看的班级');
    default:
      throw badRequest('SCOPE_REQUIRED', '范围过大：请选择区县、学校或班级，或按完整的身份证件号、全国学籍号查询');
  }
}

const statusesOf = (status: string | undefined): RecordStatus[] | undefined => (status ? [...new Set(status.split(','))] as RecordStatus[] : undefined);

export async function searchStudents(principal: Principal, query: StudentQuery): Promise<{ items: StudentRow[]; nextCursor: string | null }> {
  if (principal.role === 'student') throw forbidden('ROLE_NOT_ALLOWED', '学生只能查看本人学籍');
  const includeDeleted = query.includeDeleted === 'true';
  const statuses = statusesOf(query.status);
  if (query.q) {
    // A full ID or national number finds its record whatever its status, unless statuses are asked for.
    const exact = await exactLookup(principal, query.q, includeDeleted);
    if (exact) return { items: statuses ? exact.filter((record) => statuses.includes(statusOf(record))) : exact, nextCursor: null };
  }
  const scope = await scopeOf(principal, query);
  const page = await listStudents(scope, {
    namePrefix: query.q,
    grade: query.grade,
    statuses: statuses ?? DEFAULT_LISTED_STATUSES,
    includeDeleted: includeDeleted && decide(principal, 'student.readDeleted', { orgPath: principal.orgPath }).allowed,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.filter((record) => visible(principal, record, includeDeleted)), nextCursor: page.nextCursor };
}
