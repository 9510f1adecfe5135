// A status-change case (异动申请) and the moves it can make. Pure: the service layer loads the case,
// asks for a move, and commits the answer under the case's version; the queue carries approvals
// to `advance`, which opens the next step or completes the case.
import type { Role } from '../roles.ts';
import type { ChainKey, Party, PlannedParty } from './chains.ts';
import { FILED_BY_PERSON, type ChangeType } from './kinds.ts';
import { dueDate, type WorkCalendar } from './working-days.ts';

export type CaseStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
export type StepStatus = 'waiting' | 'current' | 'approved' | 'rejected' | 'skipped';

export interface Actor {
  userId: string;
  displayName: string;
  orgId: string;
}

export interface Step {
  party: Party;
  role: Role;
  orgId: string;
  orgPath: string;
  orgName: string;
  status: StepStatus;
  by?: { userId: string; displayName: string };
  at?: string;
  comment?: string;
  /** When the step became current, and the last day to decide it (China's calendar). */
  startedAt?: string;
  dueBy?: string;
  /** Set by the daily deadline run once the due day has passed undecided. */
  overdue?: boolean;
}

export interface StatusChange {
  changeId: string;
  type: ChangeType;
  chain: ChainKey;
  studentId: string;
  studentName: string;
  /** The student's school when the case was filed: its open cases hold a year-end batch. */
  schoolId: string;
  status: CaseStatus;
  applicant: { userId: string; displayName: string; orgId: string; orgPath: string; orgName: string };
  steps: Step[];
  currentStep: number;
  /** What the case asks for; its shape depends on the type (see the API's request bodies). */
  request: Record<string, unknown>;
  createdAt: string;
  completedAt?: string;
  version: number;
}

export interface Timing {
  now: string;
  stepDays: number;
  calendar: WorkCalendar;
}

export type Refusal =
  /** The caller's organisation takes no part in this case (answered as not found). */
  | 'NOT_PARTY'
  /** A party, but not the step that is current now, or the step was already decided. */
  | 'STEP_NOT_CURRENT'
  /** Only the applicant's organisation can cancel. */
  | 'NOT_APPLICANT'
  /** The case has ended. */
  | 'CASE_CLOSED';

export type Move = { ok: true; change: StatusChange } | { ok: false; refusal: Refusal };

export function openCase(
  fields: Omit<StatusChange, 'status' | 'steps' | 'currentStep' | 'createdAt' | 'version' | 'completedAt'>,
  steps: (PlannedParty & { orgName: string })[],
  timing: Timing,
): StatusChange {
  if (steps.length === 0) throw new Error('a case needs at least one step');
  return {
    ...fields,
    status: 'pending',
    steps: steps.map((step, index) => ({ ...step, status: index === 0 ? 'current' : 'waiting', ...(index === 0 ? { startedAt: timing.now, dueBy: dueDate(timing.now, timing.stepDays, timing.calendar) } : {}) })),
    currentStep: 0,
    createdAt: timing.now,
    version: 1,
  };
}

/** The step the actor's organisation may decide now, or why not. */
function currentStepFor(change: StatusChange, actor: Actor): { ok: true; index: number } | { ok: false; refusal: Refusal } {
  const involved = change.steps.some((step) => step.orgId === actor.orgId) || change.applicant.orgId === actor.orgId;
  if (!involved) return { ok: false, refusal: 'NOT_PARTY' };
  const step = change.steps[change.currentStep];
  if (change.status !== 'pending' || !step || step.status !== 'current' || step.orgId !== actor.orgId) return { ok: false, refusal: 'STEP_NOT_CURRENT' };
  return { ok: true, index: change.currentStep };
}

const decided = (change: StatusChange, index: number, update: Partial<Step>): Step[] => change.steps.map((step, i) => (i === index ? { ...step, ...update } : step));

/** The current step's organisation approves; the queue then opens the next step (advance). */
export function approve(change: StatusChange, actor: Actor, now: string, comment?: string): Move {
  const found = currentStepFor(change, actor);
  if (!found.ok) return found;
  const steps = decided(change, found.index, { status: 'approved', by: { userId: actor.userId, displayName: actor.displayName }, at: now, ...(comment ? { comment } : {}) });
  return { ok: true, change: { ...change, steps, version: change.version + 1 } };
}

/** The current step's organisation rejects, with a reason: the case ends. */
export function reject(change: StatusChange, actor: Actor, now: string, comment: string): Move {
  const found = currentStepFor(change, actor);
  if (!found.ok) return found;
  const steps = decided(change, found.index, { status: 'rejected', by: { userId: actor.userId, displayName: actor.displayName }, at: now, comment }).map((step) =>
    step.status === 'waiting' ? { ...step, status: 'skipped' as const } : step,
  );
  return { ok: true, change: { ...change, steps, status: 'rejected', completedAt: now, version: change.version + 1 } };
}

/** The applicant's organisation withdraws its case while it is pending. */
export function cancel(change: StatusChange, actor: Actor, now: string): Move {
  // A case a person filed (a teacher's grade correction) is that person's to withdraw.
  if (FILED_BY_PERSON.includes(change.type) && change.applicant.userId !== actor.userId) return { ok: false, refusal: 'NOT_APPLICANT' };
  if (change.applicant.orgId !== actor.orgId) return { ok: false, refusal: change.steps.some((step) => step.orgId === actor.orgId) ? 'NOT_APPLICANT' : 'NOT_PARTY' };
  if (change.status !== 'pending') return { ok: false, refusal: 'CASE_CLOSED' };
  const steps = change.steps.map((step) => (step.status === 'waiting' || step.status === 'current' ? { ...step, status: 'skipped' as const } : step));
  return { ok: true, change: { ...change, steps, status: 'cancelled', completedAt: now, version: change.version + 1 } };
}

/**
 * After an approval: open the next step, or complete the case (its effect is then applied in the
 * same commit). `undefined` when there is nothing to do: the message was delivered again, or the
 * case ended meanwhile.
 */
export function advance(change: StatusChange, approvedStep: number, timing: Timing): StatusChange | undefined {
  if (change.status !== 'pending' || change.currentStep !== approvedStep || change.steps[approvedStep]?.status !== 'approved') return undefined;
  const next = approvedStep + 1;
  if (next >= change.steps.length) return { ...change, status: 'approved', completedAt: timing.now, version: change.version + 1 };
  const steps = change.steps.map((step, i) => (i === next ? { ...step, status: 'current' as const, startedAt: timing.now, dueBy: dueDate(timing.now, timing.stepDays, timing.calendar) } : step));
  return { ...change, steps, currentStep: next, version: change.version + 1 };
}

/**
 * Who may read a case: the applicant's organisation, every party whose step has been reached (a
 * later party sees nothing until the earlier steps are done), and the organisations above them.
 */
export function visibleTo(change: StatusChange, scopePath: string): boolean {
  const within = (path: string) => path === scopePath || path.startsWith(`${scopePath}/`);
  if (within(change.applicant.orgPath)) return true;
  return change.steps.some((step) => step.status !== 'waiting' && step.status !== 'skipped' && within(step.orgPath));
}
