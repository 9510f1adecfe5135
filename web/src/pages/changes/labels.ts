// The words and colours of 学籍异动 in the web app: a case's state, a step's state, the kinds a
// school files from a record (a transfer is filed by the receiving school, from 转入申请; a grade
// correction by the section's teacher, from its grade sheet).
import { CHANGE_TYPES, FILED_FROM, type ChangeType, type RecordStatus } from '#shared/domain/changes/kinds.ts';

export type CaseStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export const CASE_STATUS_LABEL: Record<CaseStatus, string> = { pending: '审核中', approved: '已通过', rejected: '已退回', cancelled: '已撤销' };
export const CASE_STATUS_COLOR: Record<CaseStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error', cancelled: 'default' };
export const CASE_STATUSES = Object.keys(CASE_STATUS_LABEL) as CaseStatus[];

export type StepStatus = 'waiting' | 'current' | 'approved' | 'rejected' | 'skipped';
export const STEP_STATUS_LABEL: Record<StepStatus, string> = { waiting: '待办理', current: '办理中', approved: '审核通过', rejected: '审核不通过 (退回)', skipped: '未办理' };

/** Kinds a registrar files from a record, in the order of the registry's menu. */
export const FILED_HERE: readonly ChangeType[] = CHANGE_TYPES.filter((type) => type !== 'transfer' && type !== 'gradeCorrection');

/** The kinds a record in this status may be filed for. */
export const kindsFor = (status: RecordStatus): ChangeType[] => FILED_HERE.filter((type) => FILED_FROM[type].includes(status));

export { CHANGE_TYPE_LABEL } from '#shared/domain/changes/kinds.ts';
