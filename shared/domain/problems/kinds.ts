// Problem records (问题学籍): the kinds of problem a data-quality scan finds, where a problem
// stands, and the ways one is settled. Pure, and shared with the web app for its words.

export const PROBLEM_KINDS = ['badIdNumber', 'idMismatch', 'duplicateId', 'possibleDuplicate'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const PROBLEM_KIND_LABEL: Record<ProblemKind, string> = {
  badIdNumber: '身份证件号错误',
  idMismatch: '证件号与出生日期、性别不符',
  duplicateId: '身份证件号重复',
  possibleDuplicate: '疑似重复学籍',
};

/** The two kinds about two records (the same person registered twice); the others are about one. */
export const PAIR_KINDS: readonly ProblemKind[] = ['duplicateId', 'possibleDuplicate'];
export const isPairKind = (kind: ProblemKind): boolean => PAIR_KINDS.includes(kind);

export const PROBLEM_STATUSES = ['open', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_STATUS_LABEL: Record<ProblemStatus, string> = { open: '待处理', resolved: '已处理' };

export const RESOLUTIONS = ['corrected', 'deleted', 'evidence', 'notDuplicate'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const RESOLUTION_LABEL: Record<Resolution, string> = {
  corrected: '已更正',
  deleted: '已删除',
  evidence: '佐证材料',
  notDuplicate: '不是同一人',
};

/**
 * How each kind may be settled. A record's own number is corrected, deleted, or shown right as it
 * stands by evidence (an issued card whose check digit is wrong, a registered birth date that
 * differs from the card). Two records of one person are corrected or one of them deleted; or they
 * are two people after all, which is a decision (不是同一人) with its reason, not a file.
 */
export const RESOLUTIONS_OF: Record<ProblemKind, readonly Resolution[]> = {
  badIdNumber: ['corrected', 'deleted', 'evidence'],
  idMismatch: ['corrected', 'deleted', 'evidence'],
  duplicateId: ['corrected', 'deleted', 'notDuplicate'],
  possibleDuplicate: ['corrected', 'deleted', 'notDuplicate'],
};
