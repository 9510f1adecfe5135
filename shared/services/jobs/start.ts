// Starting a job: the job item (queued, step 0), its entry in the active list and what it holds,
// committed with the audit entry of who started it; then its first message. A message that does
// not get out is sent by the sweeper (functions/change-timers), so a committed job always runs.
import { commitWithAudit, TransactionConflict, type TransactItem } from '#shared/data/audit.ts';
import { sendJobMessage } from '#shared/data/job-queue.ts';
import { holderOf, jobCreateWrites } from '#shared/data/job-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { newSortableId } from '#shared/data/sortable-id.ts';
import type { HeldItem, Job, JobCreator, JobKind } from '#shared/domain/jobs.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { logger } from '#shared/http/logger.ts';

/** Raised when an item the job would hold is held by another job. */
export class HeldByAnother extends Error {
  readonly jobId: string | undefined;
  readonly hold: HeldItem;
  constructor(jobId: string | undefined, hold: HeldItem) {
    super('held by another job');
    this.name = 'HeldByAnother';
    this.jobId = jobId;
    this.hold = hold;
  }
}

/** `principal`: a caller, or the system (a scheduled job); `state`: where the worker starts (what the request decided, such as what the caller may see); the worker's plan may keep it. */
/** `alongside`: writes that commit with the job (an import noting its latest job), after its holds and keeps. */
export async function startJob(
  principal: JobCreator,
  input: { kind: JobKind; orgId: string; request: Record<string, unknown>; state?: unknown; holds?: HeldItem[]; keeps?: HeldItem[]; reason?: string; alongside?: (jobId: string) => TransactItem[] },
): Promise<Job> {
  const now = new Date().toISOString();
  const job: Job = {
    jobId: newSortableId(),
    kind: input.kind,
    status: 'queued',
    total: 0,
    done: 0,
    errors: 0,
    errorSamples: [],
    resultUrl: null,
    orgId: input.orgId,
    request: input.request,
    createdBy: { userId: principal.userId, displayName: principal.displayName, role: principal.role, orgId: principal.orgId, orgPath: principal.orgPath },
    createdAt: now,
    updatedAt: now,
    step: 0,
    ...(input.state !== undefined ? { state: input.state } : {}),
    holds: input.holds ?? [],
    ...(input.keeps ? { keeps: input.keeps } : {}),
  };
  try {
    // The job item goes first: under an Idempotency-Key it is what the request created.
    await commitWithAudit(tableName(RECORDS_TABLE), [...jobCreateWrites(job), ...(input.alongside?.(job.jobId) ?? [])], {
      entity: { type: 'JOB', id: job.jobId },
      actor: { userId: principal.userId, displayName: principal.displayName, role: principal.role },
      action: `job.${job.kind}`,
      changes: [],
      ...(input.reason ? { reason: input.reason } : {}),
    });
  } catch (error) {
    // Items 2… are the holds, then the keeps.
    const all = [...job.holds, ...(job.keeps ?? [])];
    const held = error instanceof TransactionConflict ? all.findIndex((_, index) => (error as TransactionConflict).reasons[2 + index] === 'ConditionalCheckFailed') : -1;
    if (held >= 0) throw new HeldByAnother(await holderOf(all[held]!), all[held]!);
    throw error;
  }
  try {
    await sendJobMessage(job.kind, { jobId: job.jobId, step: 0 });
  } catch (error) {
    logger.warn('job message not sent; the sweeper will send it', { jobId: job.jobId, error: (error as Error).name });
  }
  return job;
}
