// Loads a case the caller may see: the applicant's organisation, the parties whose step has been
// reached, and the organisations above them. Anyone else gets 404, so a later party learns
// nothing of a case before its turn and nobody learns that a case exists outside their scope.
import { getCase } from '#shared/data/change-repo.ts';
import { visibleTo, waitsForRemote, type Actor, type StatusChange } from '#shared/domain/changes/case.ts';
import { deliveryNote } from '#shared/domain/exchange/delivery.ts';
import { provinceName } from '#shared/domain/exchange/provinces.ts';
import { FILED_BY_PERSON } from '#shared/domain/changes/kinds.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { notFound } from '#shared/http/api-error.ts';

// Students and class advisors take no part in cases (a student's own cases are read through the
// school); a teacher sees only the grade corrections it filed itself.
export const isStaff = (principal: Principal): boolean => principal.role !== 'student' && principal.role !== 'teacher' && principal.role !== 'class_advisor';

/** A case the caller filed as a person (a teacher's grade correction). */
export const filedBy = (change: StatusChange, principal: Principal): boolean => FILED_BY_PERSON.includes(change.type) && change.applicant.userId === principal.userId;

export async function loadCaseFor(principal: Principal, changeId: string): Promise<StatusChange> {
  const change = await getCase(changeId);
  if (!change || !(filedBy(change, principal) || (isStaff(principal) && visibleTo(change, principal.orgPath)))) throw notFound('异动申请不存在或不在您的管辖范围内');
  return change;
}

export const actorFor = (principal: Principal): Actor => ({ userId: principal.userId, displayName: principal.displayName, orgId: principal.orgId });

/**
 * What callers see of a case: no org paths, no internal party names. A transfer across provinces
 * shows the other province, where its last packet is (`delivery`) and what that means for the
 * case (`remote.note`, e.g. 等待对方省份响应); the other side's steps carry their `province`.
 */
export function presentChange(change: StatusChange) {
  const { chain: _chain, schoolId: _schoolId, applicant, steps, remote, delivery, ...rest } = change;
  const { orgPath: _orgPath, ...applicantView } = applicant;
  const note = remote ? deliveryNote(delivery, waitsForRemote(change)) : undefined;
  return {
    ...rest,
    applicant: applicantView,
    steps: steps.map(({ party: _party, orgPath: _path, remote: province, ...step }) => ({ ...step, ...(province ? { province } : {}) })),
    ...(remote ? { remote: { province: remote.province, provinceName: provinceName(remote.province), side: remote.side, ...(note ? { note } : {}) } } : {}),
    ...(delivery ? { delivery: delivery.state } : {}),
  };
}
