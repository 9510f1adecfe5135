// The queue's side of a case: after an approval, open the next step, or on the last one complete
// the case and apply its effect to the record, all in one transaction that also removes the
// step's outbox item. A message delivered again finds the step already processed and only clears
// what is left, so it has no second effect.
import { auditItem, commitWithAudit, TransactionConflict, type AuditEntry, type TransactItem } from '#shared/data/audit.ts';
import { caseRefPut, caseReplace, deleteOutboxEntry, getCase, openCaseRelease, outboxDelete, taskPut, type OutboxEntry } from '#shared/data/change-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { afterUpdate, getStudent, indexKeys, lookupItemWrites, recordUpdate } from '#shared/data/student-repo.ts';
import { advance, waitsForRemote, type StatusChange } from '#shared/domain/changes/case.ts';
import { effectOf } from '#shared/domain/changes/effects.ts';
import { CHANGE_EFFECT, CHANGE_TYPE_LABEL } from '#shared/domain/changes/kinds.ts';
import { GradeGone, gradeCorrectionWrites } from './grade-correction-effect.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import type { KeyField } from '#shared/domain/student-record.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { placeInClass } from '../students/placement.ts';
import { sendSoon } from '#shared/data/exchange-outbox.ts';
import { logger } from '#shared/http/logger.ts';
import { changeRules } from './rules.ts';
import { toOtherSide } from './remote.ts';

const SYSTEM = { userId: 'system', displayName: '系统', role: 'system' };

const caseEntry = (change: StatusChange, action: string, reason?: string): AuditEntry => ({ entity: { type: 'CHANGE', id: change.changeId }, actor: SYSTEM, action, changes: [], ...(reason ? { reason } : {}) });

/** The record after the case's effect, and the writes that make it so. */
async function effectWrites(change: StatusChange, record: StudentRecord, now: string): Promise<{ writes: TransactItem[]; changes: AuditEntry['changes'] }> {
  if (CHANGE_EFFECT[change.type].kind === 'grade') return gradeCorrectionWrites(change);
  const toClassId = change.request.toClassId as string | undefined;
  const place = toClassId ? await placeInClass(toClassId) : undefined;
  const effect = effectOf(change.type, record, { ...(place ? { place } : {}), keyFields: change.request.changes as Partial<Record<KeyField, string>> | undefined });
  const after = afterUpdate(record, effect.set);
  for (const field of effect.remove) delete (after as unknown as Record<string, unknown>)[field];
  const set = { ...effect.set, ...indexKeys(after), updatedAt: now };
  const moved = effect.changes.some((change) => change.field === 'orgPath' || ['name', 'gender', 'birthDate', 'idType', 'idNumber', 'nationalStudentNo'].includes(change.field));
  return { writes: [recordUpdate(record.studentId, record.version, set, effect.remove), ...(moved ? lookupItemWrites(record, after) : [])], changes: effect.changes };
}

/** A case whose effect can no longer apply (the record was deleted, or the new ID number was taken meanwhile) ends rejected, saying why. */
async function endUnapplied(read: StatusChange, entry: OutboxEntry, reason: string, now: string): Promise<void> {
  const steps = read.steps.map((step) => (step.status === 'waiting' ? { ...step, status: 'skipped' as const } : step));
  const ended: StatusChange = { ...read, steps, status: 'rejected', completedAt: now, version: read.version + 1 };
  await commitWithAudit(tableName(RECORDS_TABLE), [caseReplace(ended, read.version), ...openCaseRelease(read), outboxDelete(entry)], caseEntry(ended, 'change.endUnapplied', reason));
}

export async function processStep(entry: OutboxEntry): Promise<void> {
  const read = await getCase(entry.changeId);
  const now = new Date().toISOString();
  const settings = changeRules();
  const next = read ? advance(read, entry.step, { now, stepDays: settings.stepDays, calendar: settings.calendar }) : undefined;
  if (!read || !next) {
    // Delivered again, or the case ended meanwhile: nothing to do but forget the message.
    await deleteOutboxEntry(entry);
    return;
  }
  const table = tableName(RECORDS_TABLE);
  try {
    if (next.status === 'pending' && waitsForRemote(next)) {
      // This side's steps are done: the other province's deployment decides next. The packet that
      // tells it leaves through the exchange's outbox, written in this transaction.
      const { change, writes, work } = toOtherSide(next, now);
      await commitWithAudit(table, [caseReplace(change, read.version), ...writes, outboxDelete(entry)], caseEntry(change, 'change.sentToPeer'));
      await sendSoon(work, (error) => logger.warn('exchange message not sent; the sweeper will send it', { changeId: change.changeId, error: error.name }));
      return;
    }
    if (next.status === 'pending') {
      const step = next.steps[next.currentStep]!;
      await commitWithAudit(table, [caseReplace(next, read.version), taskPut(next), caseRefPut(step.orgId, next), outboxDelete(entry)], caseEntry(next, 'change.stepOpened'));
      return;
    }
    const record = await getStudent(next.studentId);
    if (!record || record.deleted) return await endUnapplied(read, entry, '学籍已删除，异动未执行', now);
    const effect = await effectWrites(next, record, now).catch((error: unknown) => {
      if (error instanceof GradeGone) return undefined;
      throw error;
    });
    if (!effect) return await endUnapplied(read, entry, '要更正的成绩已不存在，更正未执行', now);
    const { writes, changes } = effect;
    await commitWithAudit(table, [caseReplace(next, read.version), ...writes, ...openCaseRelease(next), outboxDelete(entry), auditItem(table, caseEntry(next, 'change.complete'))], {
      entity: { type: 'STUDENT', id: next.studentId },
      actor: SYSTEM,
      action: `change.${next.type}`,
      changes,
      reason: `${CHANGE_TYPE_LABEL[next.type]}：${String(next.request.reason ?? '')}`.replace(/：$/, ''),
      changeId: next.changeId,
    });
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    // Item 0 is the case under the version read: another delivery processed it first.
    if (error.reasons[0] === 'ConditionalCheckFailed') return;
    // A lookup item's Put failed: the new ID or national number belongs to another record now.
    if (next.status === 'approved' && error.reasons.slice(2).includes('ConditionalCheckFailed') && error.reasons[1] !== 'ConditionalCheckFailed') {
      return await endUnapplied(read, entry, '变更后的身份证件号或全国学籍号已被其他学籍使用，异动未执行', now);
    }
    // The record changed between the read and the write: the message comes back and retries.
    throw error;
  }
}
