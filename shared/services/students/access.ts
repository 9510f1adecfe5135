// Loads a record the caller may act on. Outside the caller's subtree (or deleted, for roles that
// may not see deleted records) it answers 404, so nothing about the record leaks.
import { getStudent } from '#shared/data/student-repo.ts';
import { decide, type Action } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { forbidden, notFound } from '#shared/http/api-error.ts';

export const studentTarget = (record: Pick<StudentRecord, 'orgPath' | 'studentId' | 'classId'>) => ({ orgPath: record.orgPath, studentId: record.studentId, classId: record.classId });

export async function loadStudentFor(principal: Principal, studentId: string, action: Action): Promise<StudentRecord> {
  const record = await getStudent(studentId);
  const missing = notFound('学籍档案不存在或不在您的管辖范围内');
  if (!record) throw missing;
  const target = studentTarget(record);
  if (!decide(principal, 'student.read', target).allowed) throw missing;
  if (record.deleted && !decide(principal, 'student.readDeleted', target).allowed) throw missing;
  const decision = decide(principal, action, target);
  if (!decision.allowed) throw forbidden(decision.reason, '您的角色不能执行此操作');
  return record;
}

export const actorOf = (principal: Principal) => ({ userId: principal.userId, displayName: principal.displayName, role: principal.role });
