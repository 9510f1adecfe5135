// Student self-service (校对补充): a student proposes corrections or supplements to ordinary
// fields of its own record; the school registrar accepts (the record changes, with history) or
// rejects them; the student confirms a version of the record as correct.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import {
  correctionPut, correctionReview, countSchoolCorrections, getCorrection, listSchoolCorrections, type Correction, type CorrectionStatus,
} from '#shared/data/correction-repo.ts';
import { getOrg } from '#shared/data/directory-repo.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import { afterUpdate, confirmationUpdate, recordUpdate } from '#shared/data/student-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ApiError, badRequest, conflict, forbidden, notFound, preconditionFailed } from '#shared/http/api-error.ts';
import { actorOf, loadStudentFor } from './access.ts';
import { assertCurrent } from './if-match.ts';
import { parsePatch, prepareUpdate } from './update.ts';

const audited = (principal: Principal, studentId: string, action: string, changes: Correction['changes'], reason?: string) => ({
  entity: { type: 'STUDENT', id: studentId },
  actor: actorOf(principal),
  action,
  changes,
  ...(reason ? { reason } : {}),
});

/** What callers see of a correction (the stored item also keeps the record's org path for scope). */
export const presentCorrection = ({ orgPath: _orgPath, ...correction }: Correction) => correction;

/** Field errors of a proposal name their place in the request: `changes.phone`. */
async function inChanges<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof ApiError) || error.fields.length === 0) throw error;
    const fields = error.fields.map((field) => ({ ...field, path: `changes.${field.path}` }));
    throw new ApiError(error.status, error.code, error.message, fields, error.headers);
  }
}

export async function proposeCorrection(principal: Principal, studentId: string, input: { changes: Record<string, unknown>; note?: string | undefined }): Promise<Correction> {
  const record = await loadStudentFor(principal, studentId, 'student.selfService');
  if (record.deleted) throw conflict('RECORD_DELETED', '该学籍已删除');
  // The same checks as when the registrar accepts it (province fields, guardians' identity), so a
  // student learns now, not days later, that a value cannot be taken.
  const { changes } = await inChanges(() => prepareUpdate(record, parsePatch(input.changes, { allowClass: false })));
  if (changes.length === 0) throw badRequest('NO_CHANGES', '提交的内容与现有记录相同', [{ path: 'changes', code: 'no_changes', message: '没有需要修改的内容' }]);
  const correction: Correction = {
    // Time-ordered, so a student's corrections list in the order they were proposed.
    correctionId: newSortableId(),
    studentId,
    schoolId: record.schoolId,
    orgPath: record.orgPath,
    changes,
    ...(input.note ? { note: input.note } : {}),
    status: 'pending',
    baseVersion: record.version,
    proposedBy: { userId: principal.userId, displayName: principal.displayName },
    proposedAt: new Date().toISOString(),
  };
  await commitWithAudit(tableName(RECORDS_TABLE), [correctionPut(correction)], audited(principal, studentId, 'correction.propose', changes, input.note));
  return correction;
}

async function pendingCorrection(principal: Principal, studentId: string, correctionId: string): Promise<{ record: StudentRecord; correction: Correction }> {
  const record = await loadStudentFor(principal, studentId, 'student.reviewCorrection');
  const correction = await getCorrection(studentId, correctionId);
  if (!correction) throw notFound('没有这条校对申请');
  if (correction.status !== 'pending') throw conflict('CORRECTION_CLOSED', '这条校对申请已处理');
  return { record, correction };
}

/**
 * Fields of the proposal that someone changed since it was made (its `old` values no longer hold
 * and it would overwrite them). Edits of other fields since then do not block it.
 */
function overlappingEdits(record: StudentRecord, correction: Correction): string[] {
  const now = record as unknown as Record<string, unknown>;
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return correction.changes.filter((change) => !same(now[change.field], change.old) && !same(now[change.field], change.new)).map((change) => change.field);
}

export async function acceptCorrection(principal: Principal, studentId: string, correctionId: string, comment?: string): Promise<{ correction: Correction; record: StudentRecord }> {
  const { record, correction } = await pendingCorrection(principal, studentId, correctionId);
  if (record.deleted) throw conflict('RECORD_DELETED', '该学籍已删除');
  const overlap = record.version === correction.baseVersion ? [] : overlappingEdits(record, correction);
  if (overlap.length > 0) {
    throw conflict(
      'RECORD_CHANGED',
      '学生提交申请后，记录的这些字段已被修改；采纳会覆盖新的修改。请驳回后请学生按现有记录重新提交',
      overlap.map((field) => ({ path: field, code: 'changed_since_proposal', message: '申请提交后该字段已被修改' })),
    ).withDetails({ baseVersion: correction.baseVersion, currentVersion: record.version });
  }
  const patch = Object.fromEntries(correction.changes.map((change) => [change.field, change.new]));
  const { set, changes } = await prepareUpdate(record, parsePatch(patch, { allowClass: false }));
  const at = new Date().toISOString();
  const reviewer = { userId: principal.userId, displayName: principal.displayName };
  const writes = [correctionReview(correction, 'accepted', reviewer, at, comment)];
  const recordSet = { ...set, updatedAt: at };
  if (changes.length > 0) writes.unshift(recordUpdate(studentId, record.version, recordSet));
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), writes, audited(principal, studentId, 'correction.accept', changes, comment));
  } catch (error) {
    if (error instanceof TransactionConflict) throw preconditionFailed('记录或申请已被他人处理，请刷新后重试');
    throw error;
  }
  return { correction: { ...correction, status: 'accepted', reviewedBy: reviewer, reviewedAt: at, ...(comment ? { comment } : {}) }, record: changes.length > 0 ? afterUpdate(record, recordSet) : record };
}

export async function rejectCorrection(principal: Principal, studentId: string, correctionId: string, comment: string): Promise<Correction> {
  const { correction } = await pendingCorrection(principal, studentId, correctionId);
  const at = new Date().toISOString();
  const reviewer = { userId: principal.userId, displayName: principal.displayName };
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [correctionReview(correction, 'rejected', reviewer, at, comment)], audited(principal, studentId, 'correction.reject', [], comment));
  } catch (error) {
    if (error instanceof TransactionConflict) throw conflict('CORRECTION_CLOSED', '这条校对申请已处理');
    throw error;
  }
  return { ...correction, status: 'rejected', reviewedBy: reviewer, reviewedAt: at, comment };
}

export async function confirmRecord(principal: Principal, studentId: string, expected: number): Promise<StudentRecord> {
  const record = await loadStudentFor(principal, studentId, 'student.selfService');
  assertCurrent(expected, record.version);
  const confirmation = { at: new Date().toISOString(), version: expected };
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [confirmationUpdate(studentId, confirmation)], audited(principal, studentId, 'confirm', []));
  } catch (error) {
    if (error instanceof TransactionConflict) throw preconditionFailed();
    throw error;
  }
  // Confirming is not a change of the record: same version, now confirmed.
  return { ...record, confirmation };
}

/** The registrar's queue: corrections of one school in a status, oldest first. */
export async function schoolCorrections(principal: Principal, query: { schoolId?: string | undefined; status: CorrectionStatus; limit: number; cursor?: string | undefined }) {
  const schoolId = query.schoolId ?? principal.orgId;
  const school = await getOrg(schoolId);
  if (!school || school.kind !== 'school') throw badRequest('VALIDATION_FAILED', '学校不存在', [{ path: 'schoolId', code: 'unknown_org', message: '学校不存在' }]);
  const decision = decide(principal, 'student.reviewCorrection', { orgPath: school.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '只有本校学籍管理员可以处理校对申请');
  const [page, total] = await Promise.all([listSchoolCorrections(schoolId, query.status, query), countSchoolCorrections(schoolId, query.status)]);
  return { items: page.items.map(presentCorrection), nextCursor: page.nextCursor, total };
}
