// Who may see and arrange teaching: the school registrar arranges its school's courses, plans and
// sections (教务); everyone in scope reads them, a teacher its own sections and classes, a student
// its class's.
import { getOrg } from '#shared/data/directory-repo.ts';
import type { Section } from '#shared/domain/teaching/course.ts';
import type { Org, OrgKind } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { forbidden, notFound, ruleViolation } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';

/** An organisation of the expected kind the caller may read; `field` names it in a refusal. */
export async function orgOfKind(principal: Principal, orgId: string, kind: OrgKind, field: string): Promise<Org> {
  const org = await readableOrg(principal, orgId);
  if (org.kind !== kind) throw ruleViolation('VALIDATION_FAILED', `${orgId} 不是${KIND_LABEL[kind]}`, [{ path: field, code: 'wrong_kind', message: `应为${KIND_LABEL[kind]}` }]);
  return org;
}

const KIND_LABEL: Record<OrgKind, string> = { province: '省', city: '市', county: '区县', school: '学校', grade: '年级', class: '班级' };

export function assertArranges(principal: Principal, org: Org): void {
  const decision = decide(principal, 'teaching.manage', { orgPath: org.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '课程、教学计划和排课由本校学籍 (教务) 管理员办理');
}

/** A section the caller may read: the one it teaches, or one in its scope (for a teacher, of its classes). */
export function mayRead(principal: Principal, section: Section): boolean {
  // Its teacher, whether a teacher account or a class advisor teaching another class.
  if (section.teacherId === principal.userId) return true;
  return decide(principal, 'org.read', { orgPath: section.orgPath, classId: section.classId }).allowed;
}

/** Whether the caller sees the section's roster: the offices in scope, its teacher, the class's advisor. */
export function mayReadRoster(principal: Principal, section: Section): boolean {
  if (principal.role === 'student') return false;
  return mayRead(principal, section);
}

export async function schoolOf(org: Org): Promise<Org> {
  let current: Org | undefined = org;
  while (current && current.kind !== 'school') current = current.parentId ? await getOrg(current.parentId) : undefined;
  if (!current) throw notFound('学校不存在');
  return current;
}
