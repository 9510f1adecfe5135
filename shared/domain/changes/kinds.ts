// The kinds of status change (学籍异动) and the record statuses they lead to. A record moves only
// through an approved case; these tables say what each kind does to it.

export const CHANGE_TYPES = ['transfer', 'leave', 'return', 'repeat', 'skip', 'dropout', 'abroad', 'death', 'withdraw', 'majorChange', 'keyFieldChange', 'gradeCorrection'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_TYPE_LABEL: Record<ChangeType, string> = {
  transfer: '转学',
  leave: '休学',
  return: '复学',
  repeat: '留级',
  skip: '跳级',
  dropout: '辍学',
  abroad: '出境',
  death: '死亡',
  withdraw: '退学',
  majorChange: '转专业',
  keyFieldChange: '关键信息变更',
  gradeCorrection: '成绩更正',
};

/**
 * Where a record stands (学籍状态). A transfer within the deployment moves the record itself, so
 * there `transferred` appears only in history; a record that left for another province (跨省转出)
 * stays at its old school with status `transferred`, kept, visible and printable there.
 */
export const RECORD_STATUSES = ['enrolled', 'leave', 'graduated', 'dropout', 'abroad', 'deceased', 'withdrawn', 'transferred'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const RECORD_STATUS_LABEL: Record<RecordStatus, string> = {
  enrolled: '在籍',
  leave: '休学',
  graduated: '毕业',
  dropout: '辍学',
  abroad: '出境',
  deceased: '死亡',
  withdrawn: '退学',
  transferred: '转出',
};

/** Lists show these unless asked otherwise: the students a school has today. */
export const DEFAULT_LISTED_STATUSES: readonly RecordStatus[] = ['enrolled', 'leave'];

/** What the last approval does to the record. */
export type ChangeEffect =
  | { kind: 'move'; status: RecordStatus } // a new class (and for a transfer a new school); the status it then has
  | { kind: 'status'; status: RecordStatus }
  | { kind: 'keyFields' }
  | { kind: 'grade' }; // a submitted grade takes its corrected value; the record itself does not change

export const CHANGE_EFFECT: Record<ChangeType, ChangeEffect> = {
  transfer: { kind: 'move', status: 'enrolled' },
  leave: { kind: 'status', status: 'leave' },
  return: { kind: 'move', status: 'enrolled' },
  repeat: { kind: 'move', status: 'enrolled' },
  skip: { kind: 'move', status: 'enrolled' },
  dropout: { kind: 'status', status: 'dropout' },
  abroad: { kind: 'status', status: 'abroad' },
  death: { kind: 'status', status: 'deceased' },
  withdraw: { kind: 'status', status: 'withdrawn' },
  majorChange: { kind: 'move', status: 'enrolled' },
  keyFieldChange: { kind: 'keyFields' },
  gradeCorrection: { kind: 'grade' },
};

/** The statuses a record must have for a case of each kind to be filed. */
export const FILED_FROM: Record<ChangeType, readonly RecordStatus[]> = {
  transfer: ['enrolled'],
  leave: ['enrolled'],
  return: ['leave'],
  repeat: ['enrolled'],
  skip: ['enrolled'],
  dropout: ['enrolled', 'leave'],
  abroad: ['enrolled', 'leave'],
  death: ['enrolled', 'leave', 'dropout', 'abroad'],
  withdraw: ['enrolled', 'leave'],
  majorChange: ['enrolled'],
  keyFieldChange: ['enrolled', 'leave', 'graduated', 'dropout', 'abroad', 'withdrawn'],
  gradeCorrection: ['enrolled', 'leave', 'graduated', 'dropout', 'abroad', 'withdrawn', 'deceased'],
};

/**
 * Kinds that leave the record where it is: they take no part in the one-open-case rule and do not
 * hold up a year-end batch (a grade correction may run beside a transfer).
 */
export const LEAVES_RECORD: readonly ChangeType[] = ['gradeCorrection'];

/** Kinds filed by a person rather than an office: only that person (and the offices in scope) sees and withdraws the case. */
export const FILED_BY_PERSON: readonly ChangeType[] = ['gradeCorrection'];

