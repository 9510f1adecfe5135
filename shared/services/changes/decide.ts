// Deciding a case's current step (审批): approve, reject with a reason, or cancel by the
// applicant. Each decision commits under the case's version, so of ten simultaneous approvals of
// one step exactly one lands and the others answer 409 STEP_NOT_CURRENT. An approval writes an
// outbox item with it; the queue then opens the next step or completes the case.
import { commitWithAudit, TransactionConflict, type TransactItem } from '#shared/data/audit.ts';
import { caseReplace, openCaseRelease, outboxPut, taskDelete, type OutboxEntry } from '#shared/data/change-repo.ts';
import { sendStepMessages } from '#shared/data/change-queue.ts';
import { sendSoon } from '#shared/data/exchange-outbox.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { approve, cancel, reject, type Move, type Refusal, type StatusChange } from '#shared/domain/changes/case.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ROLE_LABEL } from '#shared/domain/roles.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { conflict, forbidden, type ApiError } from '#shared/http/api-error.ts';
import { logger } from '#shared/http/logger.ts';
import { actorOf } from '../students/access.ts';
import { actorFor, loadCaseFor } from './access.ts';
import { endingPacket } from './remote.ts';

const REFUSAL: Record<Refusal, () => ApiError> = {
  NOT_PARTY: () => forbidden('OUT_OF_SCOPE', '您的单位不是该申请的审批单位'),
  STEP_NOT_CURRENT: () => conflict('STEP_NOT_CURRENT', '该申请当前不在您的单位办理，或这一步已办结'),
  NOT_APPLICANT: () => forbidden('NOT_APPLICANT', '只有提交申请的单位可以撤销'),
  CASE_CLOSED: () => conflict('CASE_CLOSED', '该申请已办结，不能撤销'),
};

async function commit(principal: Principal, read: StatusChange, move: Move, action: string, writes: (after: StatusChange) => TransactItem[], comment?: string): Promise<StatusChange> {
  if (!move.ok) throw REFUSAL[move.refusal]();
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), [caseReplace(move.change, read.version), ...writes(move.change)], {
      entity: { type: 'CHANGE', id: read.changeId },
      actor: actorOf(principal),
      action,
      changes: [],
      ...(comment ? { reason: comment } : {}),
    });
  } catch (error) {
    // Item 0 is the case under the version read: someone decided it first.
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') throw REFUSAL.STEP_NOT_CURRENT();
    throw error;
  }
  return move.change;
}

/** The step's role must be the caller's: a teacher of the sending school does not approve its transfers. */
function assertRole(principal: Principal, change: StatusChange): void {
  const step = change.steps[change.currentStep];
  if (step && step.orgId === principal.orgId && step.role !== principal.role) throw forbidden('ROLE_NOT_ALLOWED', `这一步须由${ROLE_LABEL[step.role]}办理`);
}

/** The approval's transaction alone: the step decided and its outbox item, without the message (which the sweeper would send). */
export async function commitApproval(principal: Principal, changeId: string, comment?: string): Promise<{ approved: StatusChange; entry: OutboxEntry }> {
  const read = await loadCaseFor(principal, changeId);
  assertRole(principal, read);
  const now = new Date().toISOString();
  const entry: OutboxEntry = { changeId, studentId: read.studentId, step: read.currentStep, at: now };
  const approved = await commit(principal, read, approve(read, actorFor(principal), now, comment), 'change.approve', () => [taskDelete(read), outboxPut(entry)], comment);
  return { approved, entry };
}

export async function approveChange(principal: Principal, changeId: string, comment?: string): Promise<StatusChange> {
  const { approved, entry } = await commitApproval(principal, changeId, comment);
  // The outbox item makes the step's message certain; sending now only makes it quick.
  try {
    await sendStepMessages([entry]);
  } catch (error) {
    logger.warn('step message not sent; the outbox sweeper will send it', { changeId, error: (error as Error).name });
  }
  return approved;
}

/**
 * A case across provinces that ends here while the other deployment has its own case open tells
 * it, through the exchange's outbox in the same transaction (the move then shows the packet on its
 * way); the message is sent after the commit.
 */
function toldOtherSide(read: StatusChange, move: Move, reason: string, now: string): { move: Move; writes: TransactItem[]; send: () => Promise<void> } {
  const packet = move.ok ? endingPacket(read, move.change, reason, now) : undefined;
  if (!packet) return { move, writes: [], send: async () => undefined };
  return {
    move: { ok: true, change: packet.change },
    writes: packet.writes,
    send: () => sendSoon(packet.work, (error) => logger.warn('exchange message not sent; the sweeper will send it', { changeId: read.changeId, error: error.name })),
  };
}

export async function rejectChange(principal: Principal, changeId: string, comment: string): Promise<StatusChange> {
  const read = await loadCaseFor(principal, changeId);
  assertRole(principal, read);
  const now = new Date().toISOString();
  const told = toldOtherSide(read, reject(read, actorFor(principal), now, comment), comment, now);
  const rejected = await commit(principal, read, told.move, 'change.reject', () => [taskDelete(read), ...openCaseRelease(read), ...told.writes], comment);
  await told.send();
  return rejected;
}

export async function cancelChange(principal: Principal, changeId: string, comment?: string): Promise<StatusChange> {
  const read = await loadCaseFor(principal, changeId);
  const now = new Date().toISOString();
  // The current step's task goes with the case; an approved step still in the queue finds the case closed.
  const current = read.steps[read.currentStep];
  const told = toldOtherSide(read, cancel(read, actorFor(principal), now), comment ? `转入学校已撤销申请：${comment}` : '转入学校已撤销申请', now);
  const cancelled = await commit(principal, read, told.move, 'change.cancel', () => [...(current?.status === 'current' && !current.remote ? [taskDelete(read)] : []), ...openCaseRelease(read), ...told.writes], comment);
  await told.send();
  return cancelled;
}
