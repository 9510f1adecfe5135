// A case (异动申请) as the API answers it, and what the pages ask of it.
import dayjs from 'dayjs';
import { FILED_BY_PERSON } from '#shared/domain/changes/kinds.ts';
import type { getChangeRoute, listTasksRoute } from '#shared/api/changes.ts';
import type { ResponseOf } from '../../api/client.ts';
import type { Me } from '../../auth/session.tsx';

export type Change = ResponseOf<typeof getChangeRoute>;
export type Step = Change['steps'][number];
export type Task = ResponseOf<typeof listTasksRoute>['items'][number];

export const changeKey = (changeId: string) => ['change', changeId];
/** Lists of cases (异动查询, a record's 异动记录) live under this key. */
export const CHANGES_KEY = ['changes'] as const;

/** The current step was approved and the queue has not yet opened the next one (or completed the case). */
export const isAdvancing = (change: Change): boolean => change.status === 'pending' && change.steps[change.currentStep]?.status === 'approved';

/** The step the caller's organisation may decide now. */
export function myStep(change: Change, me: Me): Step | undefined {
  const step = change.steps[change.currentStep];
  return change.status === 'pending' && step?.status === 'current' && step.orgId === me.orgId && step.role === me.role ? step : undefined;
}

/** The applicant's organisation withdraws a pending case; a case filed by a person (a teacher's grade correction) only that person. */
export const mayCancel = (change: Change, me: Me): boolean =>
  change.status === 'pending' && change.applicant.orgId === me.orgId && (FILED_BY_PERSON.includes(change.type) ? change.applicant.userId === me.userId : me.role === 'school_registrar');

/** Past its due day undecided: flagged by the daily run, or seen so now (China's calendar day). */
export const isOverdue = (step: Pick<Step, 'status' | 'dueBy' | 'overdue'>): boolean =>
  step.status === 'current' && (Boolean(step.overdue) || (step.dueBy !== undefined && dayjs().format('YYYY-MM-DD') > step.dueBy));

/** Where a pending case is now, in words: the organisation whose turn it is. */
export function whereNow(change: Change): string | undefined {
  if (change.status !== 'pending') return undefined;
  const step = change.steps[change.currentStep];
  if (!step) return undefined;
  return isAdvancing(change) ? '正在转交下一步' : `${step.orgName}审核中`;
}
