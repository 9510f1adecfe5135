// Editing ordinary fields of a record (If-Match, 412 when stale). Key fields answer 409 with a
// code that points to a key-field change request; moving to another school is a transfer.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { afterUpdate, indexKeys, lookupItemWrites, recordUpdate } from '#shared/data/student-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { changedFields, type StudentRecord } from '#shared/domain/student.ts';
import { checkIdentity } from '#shared/domain/student-identity.ts';
import * as z from 'zod/mini';
import { once } from '#shared/domain/schema-once.ts';
import { KEY_FIELDS, OrdinaryFieldsSchema, SYSTEM_FIELDS } from '#shared/domain/student-record.ts';
import { badRequest, conflict, preconditionFailed } from '#shared/http/api-error.ts';
import { parseFields } from '#shared/http/zod-issues.ts';
import { actorOf, loadStudentFor } from './access.ts';
import { assertCurrent } from './if-match.ts';
import { placeInClass } from './placement.ts';
import { checkExtraFields } from './province-extra.ts';

const PatchSchema = once(() => z.strictObject(z.partial(OrdinaryFieldsSchema()).shape));

/** Checks a patch's shape: key fields and system fields are refused with their own codes. */
export function parsePatch(body: Record<string, unknown>, options: { allowClass: boolean }): Record<string, unknown> {
  const keyFields = Object.keys(body).filter((field) => (KEY_FIELDS as readonly string[]).includes(field));
  if (keyFields.length > 0) {
    throw conflict(
      'KEY_FIELD_CHANGE_REQUIRED',
      '姓名、性别、出生日期、身份证件类型和号码是关键字段，不能直接修改，请在“学籍异动”中提交关键信息变更申请',
      keyFields.map((field) => ({ path: field, code: 'key_field', message: '关键字段须经审批变更' })),
    );
  }
  const readOnly = Object.keys(body).filter((field) => (SYSTEM_FIELDS as readonly string[]).includes(field) || (!options.allowClass && field === 'classId'));
  if (readOnly.length > 0) {
    throw badRequest('READ_ONLY_FIELD', '这些字段由系统维护，不能修改', readOnly.map((field) => ({ path: field, code: 'read_only', message: '只读字段' })));
  }
  const parsed = parseFields(PatchSchema(), body);
  if (!parsed.ok) throw badRequest('VALIDATION_FAILED', parsed.fields[0]?.message ?? '请求参数不正确', parsed.fields);
  return Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
}

/** Validates a patch against the whole record and returns the item update and its changes. */
export async function prepareUpdate(record: StudentRecord, patch: Record<string, unknown>) {
  const merged = { ...record, ...patch } as StudentRecord;
  if ('guardians' in patch || 'guardianBasis' in patch) {
    const identity = checkIdentity(merged);
    if (identity.problems.length > 0) throw badRequest('VALIDATION_FAILED', '学生身份信息不正确', identity.problems);
  }
  if ('extra' in patch) patch.extra = checkExtraFields(patch.extra as Record<string, unknown>);
  const set: Record<string, unknown> = { ...patch };
  if (patch.classId !== undefined && patch.classId !== record.classId) {
    const place = await placeInClass(patch.classId as string);
    if (place.schoolId !== record.schoolId) {
      throw conflict('TRANSFER_REQUIRED', '调到其他学校的班级须办理转学 (学籍异动 → 转学，由转入学校申请)', [{ path: 'classId', code: 'other_school', message: '不是本校班级' }]);
    }
    Object.assign(set, { gradeId: place.gradeId, grade: place.grade, orgPath: place.orgPath });
  }
  const changes = changedFields(record as unknown as Record<string, unknown>, set);
  if ('classId' in set || 'classSeatNo' in set) Object.assign(set, indexKeys({ ...merged, ...set } as StudentRecord));
  return { set, changes };
}

export async function updateStudent(principal: Principal, studentId: string, expected: number, body: Record<string, unknown>): Promise<StudentRecord> {
  const record = await loadStudentFor(principal, studentId, 'student.write');
  if (record.deleted) throw conflict('RECORD_DELETED', '该学籍已删除，不能修改');
  assertCurrent(expected, record.version);
  const { set, changes } = await prepareUpdate(record, parsePatch(body, { allowClass: true }));
  if (changes.length === 0) return record;
  set.updatedAt = new Date().toISOString();
  try {
    // New guardians' ID numbers (and a new class's path) reach the lookup items too.
    const lookups = 'guardians' in set || 'orgPath' in set ? lookupItemWrites(record, afterUpdate(record, set)) : [];
    await commitWithAudit(tableName(RECORDS_TABLE), [recordUpdate(studentId, expected, set), ...lookups], {
      entity: { type: 'STUDENT', id: studentId },
      actor: actorOf(principal),
      action: 'update',
      changes,
    });
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') throw preconditionFailed();
    throw error;
  }
  return afterUpdate(record, set);
}
