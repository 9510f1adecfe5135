// A status-change case (异动申请) and the moves it can make. Pure: the service layer loads the case,
// asks for a move, and commits the answer under the case's version; the queue carries approvals
// to `advance`, which opens the next step or completes the case.
//
// A transfer from another province is one case in each deployment (跨省转学). Each shows both
// sides' steps; the other side's steps are `remote` (decided there, never here) and move only by
// the packets that deployment sends: its steps reported, the case ended by its rejection, or the
// move confirmed. A case waiting for the other side has `delivery`: where its last packet is.
import type { Role } from '../roles.ts';
import { PARTY_LABEL, PARTY_ROLE_OF, type ChainKey, type Party, type PlannedParty } from './chains.ts';
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
  /** Decided in the deployment of this province (a transfer from or to another province): shown here, never decided here. */
  remote?: string;
}

/** Which side of a transfer across provinces this deployment's case is. */
export type RemoteSide = 'receiving' | 'sending';

export interface RemotePart {
  /** The other deployment's province code. */
  province: string;
  side: RemoteSide;
  /** The other deployment's case (the caseRef of its packets), once it has said. */
  peerCaseRef?: string;
}

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Where the case's last packet to the other deployment is: on its way (retried while the peer is down), taken, or given up (dead-letter queue). */
export interface Delivery {
  state: DeliveryState;
  packetId: string;
  /** The packet's type (transferRequest, transferRelease, transferRejection, transferAccepted). */
  kind: string;
  since: string;
  /** Failed attempts so far. */
  attempts?: number;
  lastError?: string;
  /** When it was taken or given up. */
  at?: string;
}

/** A step of the other side as its deployment reports it (no person: who decided stays there). */
export interface ReportedStep {
  role: Role;
  orgId: string;
  orgName: string;
  status: StepStatus;
  at?: string;
  comment?: string;
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
  /** A transfer across provinces: the other deployment, and this case's side. */
  remote?: RemotePart;
  delivery?: Delivery;
  /** Why a case ended other than by a decision here (the other side's refusal, a move that could not be applied). */
  endReason?: string;
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
  steps: (PlannedParty & { orgName: string; remote?: string })[],
  timing: Timing,
): StatusChange {
  if (steps.length === 0) throw new Error('a case needs at least one step');
  return {
    ...fields,
    status: 'pending',
    steps: steps.map((step, index) => (index === 0 ? opened(step, timing) : { ...step, status: 'waiting' })),
    currentStep: 0,
    createdAt: timing.now,
    version: 1,
  };
}

/** A step becoming current: its start and, for a step decided here, its last day (the other side keeps its own deadlines). */
function opened<T extends Omit<Step, 'status'>>(step: T, timing: Timing): T & { status: 'current'; startedAt: string; dueBy?: string } {
  return { ...step, status: 'current', startedAt: timing.now, ...(step.remote ? {} : { dueBy: dueDate(timing.now, timing.stepDays, timing.calendar) }) };
}

/** The applicant is in the other deployment (this is the sending side of a transfer across provinces). */
export const applicantIsRemote = (change: StatusChange): boolean => change.remote?.side === 'sending';

/** The step the actor's organisation may decide now, or why not. */
function currentStepFor(change: StatusChange, actor: Actor): { ok: true; index: number } | { ok: false; refusal: Refusal } {
  const involved = change.steps.some((step) => !step.remote && step.orgId === actor.orgId) || (!applicantIsRemote(change) && change.applicant.orgId === actor.orgId);
  if (!involved) return { ok: false, refusal: 'NOT_PARTY' };
  const step = change.steps[change.currentStep];
  if (change.status !== 'pending' || !step || step.status !== 'current' || step.remote || step.orgId !== actor.orgId) return { ok: false, refusal: 'STEP_NOT_CURRENT' };
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
  if (applicantIsRemote(change) || change.applicant.orgId !== actor.orgId) return { ok: false, refusal: change.steps.some((step) => !step.remote && step.orgId === actor.orgId) ? 'NOT_APPLICANT' : 'NOT_PARTY' };
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
  const steps = change.steps.map((step, i) => (i === next ? opened(step, timing) : step));
  return { ...change, steps, currentStep: next, version: change.version + 1 };
}

/**
 * A step the other deployment decides, as this side shows it before that deployment has said who
 * decides it: the party's role and name under the province's name (江苏省 转出学校).
 */
export function remotePlaceholder(party: Party, province: string, provinceName: string): PlannedParty & { orgName: string; remote: string } {
  return { party, role: PARTY_ROLE_OF(party), orgId: province, orgPath: '', orgName: `${provinceName} ${PARTY_LABEL[party]}`, remote: province };
}

/** The current step is the other deployment's: the case waits for its packets. */
export function waitsForRemote(change: StatusChange): boolean {
  return change.status === 'pending' && Boolean(change.steps[change.currentStep]?.remote);
}

const asRemoteStep = (reported: ReportedStep, province: string, party: Party): Step => ({
  party,
  role: reported.role,
  orgId: reported.orgId,
  orgName: reported.orgName,
  // Never inside this deployment's tree: no scope check and no statistic reaches it.
  orgPath: '',
  status: reported.status,
  ...(reported.at ? { at: reported.at } : {}),
  ...(reported.comment ? { comment: reported.comment } : {}),
  remote: province,
});

/**
 * The other side's steps as it reported them, in place of the ones this side shows for it until
 * then: the unresolved `remote` steps that follow this side's own steps (at most one run of them).
 */
export function withReportedSteps(change: StatusChange, reported: readonly ReportedStep[]): StatusChange {
  if (reported.length === 0 || !change.remote) return change;
  const first = change.steps.findIndex((step, index) => step.remote && index >= change.currentStep);
  if (first < 0) return change;
  let end = first;
  while (end < change.steps.length && change.steps[end]!.remote) end += 1;
  const party = change.steps[first]!.party;
  const steps = [...change.steps.slice(0, first), ...reported.map((step) => asRemoteStep(step, change.remote!.province, party)), ...change.steps.slice(end)];
  // The case now stands at the first reported step not approved (current, or the one that
  // rejected), else at the last of them.
  const open = reported.findIndex((step) => step.status !== 'approved');
  return { ...change, steps, currentStep: first + (open >= 0 ? open : reported.length - 1) };
}

/** How a case across provinces ends by the other side's word. */
export type PeerOutcome =
  | { status: 'approved' }
  /** The other side refused (its step rejected, or its check of the record failed): the reason shows on the step it ended at. */
  | { status: 'rejected'; reason: string }
  /** The other side's applicant withdrew. */
  | { status: 'cancelled'; reason: string };

/**
 * Ends a case across provinces by the other deployment's word: the move confirmed (its remaining
 * steps approved), or the case rejected or withdrawn there. The step current here ends with it: a
 * step of the other side takes the outcome and its reason; a step of this side's is skipped (its
 * task goes: the service removes it). `undefined` when the case ended already (a packet applied
 * twice is refused before this, so only a race with a local decision gets here).
 */
export function endByPeer(change: StatusChange, outcome: PeerOutcome, now: string): StatusChange | undefined {
  if (change.status !== 'pending') return undefined;
  const current = change.currentStep;
  const steps = change.steps.map((step, index): Step => {
    if (outcome.status === 'approved') return step.status === 'current' || step.status === 'waiting' ? { ...step, status: 'approved', at: now } : step;
    const open = step.status === 'current' || step.status === 'waiting';
    if (index === current && step.remote && open) return { ...step, status: outcome.status === 'rejected' ? 'rejected' : 'skipped', at: now, comment: outcome.reason };
    return open ? { ...step, status: 'skipped' } : step;
  });
  return { ...change, steps, status: outcome.status, completedAt: now, version: change.version + 1, ...(outcome.status === 'approved' ? {} : { endReason: outcome.reason }) };
}

/**
 * The sending side's case of a transfer from another province, opened by the other deployment's
 * request: the receiving side's steps as it reported them (decided), this side's own parties in
 * order, the first of them current, and last the receiving school taking the record in.
 */
export function openSendingCase(
  fields: Omit<StatusChange, 'status' | 'steps' | 'currentStep' | 'createdAt' | 'version' | 'completedAt'> & { remote: RemotePart },
  reported: readonly ReportedStep[],
  own: (PlannedParty & { orgName: string })[],
  receiver: { role: Role; orgId: string; orgName: string },
  timing: Timing,
): StatusChange {
  if (own.length === 0) throw new Error('the sending side decides at least one step');
  const province = fields.remote.province;
  const before = reported.map((step) => asRemoteStep(step, province, 'receivingCounty'));
  const last: Step = { party: 'receivingSchool', role: receiver.role, orgId: receiver.orgId, orgName: receiver.orgName, orgPath: '', status: 'waiting', remote: province };
  return {
    ...fields,
    status: 'pending',
    steps: [...before, ...own.map((step, index): Step => (index === 0 ? opened(step, timing) : { ...step, status: 'waiting' })), last],
    currentStep: before.length,
    createdAt: timing.now,
    version: 1,
  };
}

/** This side's steps as the other deployment is told them: no person, nothing of this tree. */
export function reportSteps(change: StatusChange): ReportedStep[] {
  return change.steps
    .filter((step) => !step.remote)
    .map((step) => ({ role: step.role, orgId: step.orgId, orgName: step.orgName, status: step.status, ...(step.at ? { at: step.at } : {}), ...(step.comment ? { comment: step.comment } : {}) }));
}

/**
 * Who may read a case: the applicant's organisation, every party whose step has been reached (a
 * later party sees nothing until the earlier steps are done; a step skipped once it was current,
 * when the case ended at it, was reached), and the organisations above them.
 */
export function visibleTo(change: StatusChange, scopePath: string): boolean {
  // A path of the other deployment's is empty: never within this tree.
  const within = (path: string) => path !== '' && (path === scopePath || path.startsWith(`${scopePath}/`));
  if (within(change.applicant.orgPath)) return true;
  const reached = (step: Step) => step.status !== 'waiting' && (step.status !== 'skipped' || step.startedAt !== undefined);
  return change.steps.some((step) => reached(step) && within(step.orgPath));
}
