// Reading cases: one case, the cases of the caller's organisation or of one student, and the
// caller's inbox (待办业务) with its counts and deadlines.
import { countTasks, getCases, listCaseRefs, listTasks, studentCasesOwner, userCasesOwner } from '#shared/data/change-repo.ts';
import { visibleTo, type CaseStatus, type StatusChange } from '#shared/domain/changes/case.ts';
import type { ChangeType } from '#shared/domain/changes/kinds.ts';
import { isOverdue } from '#shared/domain/changes/working-days.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { forbidden } from '#shared/http/api-error.ts';
import { loadStudentFor } from '../students/access.ts';
import { filedBy } from './access.ts';

const STAFF = new Set<Principal['role']>(['province_admin', 'city_admin', 'county_admin', 'school_registrar']);

function assertStaff(principal: Principal): void {
  if (!STAFF.has(principal.role)) throw forbidden('ROLE_NOT_ALLOWED', '学籍异动由学校学籍管理员和教育行政部门办理');
}

/**
 * The cases listed for the caller's organisation (filed by it, or reached it as a party), or for
 * one student in the caller's scope; newest first, narrowed by status and type. Filters may leave
 * a page short; the cursor still moves on.
 */
export async function listChanges(
  principal: Principal,
  query: { studentId?: string | undefined; status?: CaseStatus | undefined; type?: ChangeType | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: StatusChange[]; nextCursor: string | null }> {
  // A teacher lists the grade corrections it filed.
  if (principal.role === 'teacher' && !query.studentId) {
    const page = await listCaseRefs(userCasesOwner(principal.userId), query);
    const items = (await getCases(page.changeIds)).filter((change) => filedBy(change, principal) && (!query.status || change.status === query.status) && (!query.type || change.type === query.type));
    return { items, nextCursor: page.nextCursor };
  }
  assertStaff(principal);
  let owner = principal.orgId;
  if (query.studentId) {
    const record = await loadStudentFor(principal, query.studentId, 'student.read');
    owner = studentCasesOwner(record.studentId);
  }
  const page = await listCaseRefs(owner, query);
  const cases = await getCases(page.changeIds);
  const items = cases.filter((change) => visibleTo(change, principal.orgPath) && (!query.status || change.status === query.status) && (!query.type || change.type === query.type));
  return { items, nextCursor: page.nextCursor };
}

export async function inbox(principal: Principal, page: { limit: number; cursor?: string | undefined }) {
  assertStaff(principal);
  const [tasks, counts] = await Promise.all([listTasks(principal.orgId, page), countTasks(principal.orgId)]);
  const now = new Date();
  return {
    items: tasks.items.map((task) => ({ changeId: task.changeId, type: task.type, studentName: task.studentName, stepRole: task.stepRole, since: task.since, dueBy: task.dueBy, overdue: isOverdue(task.dueBy, now) })),
    counts,
    nextCursor: tasks.nextCursor,
  };
}
