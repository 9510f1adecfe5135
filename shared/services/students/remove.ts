// Soft delete (删除) with a reason: the record stays, marked, visible to the school and county.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { afterUpdate, recordUpdate } from '#shared/data/student-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { conflict, preconditionFailed } from '#shared/http/api-error.ts';
import { actorOf, loadStudentFor } from './access.ts';
import { assertCurrent } from './if-match.ts';

export async function deleteStudent(principal: Principal, studentId: string, expected: number | undefined, reason: string): Promise<StudentRecord> {
  const record = await loadStudentFor(principal, studentId, 'student.write');
  if (record.deleted) throw conflict('ALREADY_DELETED', '该学籍已删除');
  assertCurrent(expected, record.version);
  const deleted = { at: new Date().toISOString(), by: principal.displayName, reason };
  const set = { deleted, updatedAt: deleted.at };
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [recordUpdate(studentId, record.version, set)], {
      entity: { type: 'STUDENT', id: studentId },
      actor: actorOf(principal),
      action: 'delete',
      changes: [{ field: 'deleted', old: null, new: deleted }],
      reason,
    });
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') throw preconditionFailed();
    throw error;
  }
  return afterUpdate(record, set);
}
