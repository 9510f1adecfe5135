// How a problem record (问题学籍) is settled, pure. The resolution says what happened, and it is
// checked against the records as they are now, so the queue cannot be emptied by saying so:
// - corrected: the finding no longer holds (key fields change through an approved 关键信息变更);
// - deleted: a record of the problem has been deleted (DELETE /v1/students/{id}, with its reason);
// - evidence: a file (户口簿, 身份证 scan) was uploaded to the problem and passed its check;
// - notDuplicate: the two records are two people; a decision, with its reason.
// A later scan that finds the same thing again reopens a settled problem, unless it was settled
// as two people, or by evidence given for exactly the values found again.
import { stillHolds, type CheckedRecord } from './detect.ts';
import { isPairKind, RESOLUTIONS_OF, type ProblemKind, type ProblemStatus, type Resolution } from './kinds.ts';

export type RefusalCode = 'PROBLEM_RESOLVED' | 'RESOLUTION_NOT_ALLOWED' | 'PROBLEM_STILL_PRESENT' | 'RECORD_NOT_DELETED' | 'EVIDENCE_REQUIRED';

export interface ResolutionRefusal {
  status: 409 | 422;
  code: RefusalCode;
  message: string;
}

/** A record of the problem as it is now; undefined when it is gone altogether. */
export type RecordNow = (CheckedRecord & { deleted: boolean }) | undefined;

const STILL: Record<ProblemKind, string> = {
  badIdNumber: '学籍的身份证件号仍不正确：请先办理关键信息变更 (学籍异动) 更正证件号，审批通过后再标记为已更正',
  idMismatch: '学籍的出生日期或性别仍与身份证件号不一致：请先办理关键信息变更更正，审批通过后再标记为已更正',
  duplicateId: '两条学籍的身份证件号仍然相同：请先更正其中一条的证件号，或删除重复的一条',
  possibleDuplicate: '两条学籍的姓名、性别、出生日期仍然相同且都没有证件号：请先更正 (如补录证件号) 或删除重复的一条；如是两个人，请选择“不是同一人”',
};

/** Why `resolution` cannot settle the problem now, or undefined when it can. */
export function refuseResolution(
  problem: { kind: ProblemKind; status: ProblemStatus },
  resolution: Resolution,
  now: { records: readonly RecordNow[]; acceptedEvidence: number },
  today: Date = new Date(),
): ResolutionRefusal | undefined {
  if (problem.status !== 'open') return { status: 409, code: 'PROBLEM_RESOLVED', message: '该问题已处理，不能再次处理' };
  if (!RESOLUTIONS_OF[problem.kind].includes(resolution)) {
    const message = resolution === 'notDuplicate' ? '“不是同一人”只适用于重复学籍和疑似重复学籍' : '重复学籍不能以佐证材料处理：请更正或删除其中一条，或确认不是同一人';
    return { status: 422, code: 'RESOLUTION_NOT_ALLOWED', message };
  }
  const gone = now.records.some((record) => !record || record.deleted);
  switch (resolution) {
    case 'deleted':
      if (gone) return undefined;
      return {
        status: 422,
        code: 'RECORD_NOT_DELETED',
        message: isPairKind(problem.kind) ? '两条学籍都还没有删除：请先在学籍档案中删除重复的一条 (写明删除原因)，再标记为已删除' : '该学籍还没有删除：请先在学籍档案中删除 (写明删除原因)，再标记为已删除',
      };
    case 'corrected':
      if (gone) return { status: 422, code: 'RESOLUTION_NOT_ALLOWED', message: '学籍已删除，请标记为“已删除”' };
      return stillHolds(problem.kind, now.records.filter((record) => record !== undefined), today) ? { status: 422, code: 'PROBLEM_STILL_PRESENT', message: STILL[problem.kind] } : undefined;
    case 'evidence':
      return now.acceptedEvidence > 0 ? undefined : { status: 422, code: 'EVIDENCE_REQUIRED', message: '请先上传佐证材料 (如户口簿、身份证扫描件)，核验通过后再提交' };
    case 'notDuplicate':
      return undefined;
  }
}

/** Whether a scan that finds a settled problem again (on values `basis`) opens it again. */
export function reopens(settled: { resolution: Resolution; basis: string }, basis: string): boolean {
  // Two people, decided: it sticks, or every scan would ask again.
  if (settled.resolution === 'notDuplicate') return false;
  // Evidence covers the values it was given for; changed values are a new finding.
  if (settled.resolution === 'evidence') return settled.basis !== basis;
  // Corrected or deleted, and found again: the record was changed back.
  return true;
}
