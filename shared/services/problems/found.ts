// A scan's finding becomes a problem record, once: its id follows from its kind and records, so
// the same finding of a later scan (or of this chunk run again) meets the problem it made and adds
// nothing. A settled problem found again is opened again, unless its settlement still covers it
// (shared/domain/problems/resolve.ts `reopens`). Each write commits with the problem's queue
// entries, counts and audit entry.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { getOrg } from '#shared/data/directory-repo.ts';
import { basisDigest, getProblem, problemCreateWrites, problemIdOf, problemMoveWrites } from '#shared/data/problem-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import type { Job } from '#shared/domain/jobs.ts';
import type { ProblemDetail } from '#shared/domain/problems/detect.ts';
import type { ProblemKind } from '#shared/domain/problems/kinds.ts';
import { queuesOf, type Problem, type ProblemStudent } from '#shared/domain/problems/problem.ts';
import { reopens } from '#shared/domain/problems/resolve.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';

/** A record as the scan saw it; its school's and county's names are added when it becomes part of a problem. */
export type SeenStudent = Omit<ProblemStudent, 'schoolName' | 'countyName'>;

export interface Finding {
  kind: ProblemKind;
  students: SeenStudent[];
  detail: ProblemDetail;
  /** The values the finding rests on (shared/domain/problems/detect.ts `basisOf`). */
  basis: string;
}

const conditionFailed = (error: unknown) => error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed';

async function named(student: SeenStudent): Promise<ProblemStudent> {
  const [school, county] = await Promise.all([getOrg(student.schoolId), getOrg(student.countyId)]);
  return { ...student, schoolName: school?.name ?? student.schoolId, countyName: county?.name ?? student.countyId };
}

/** The records with their schools' and counties' names, in the order of `studentIds`. */
async function studentsOf(finding: Finding, studentIds: readonly string[]): Promise<ProblemStudent[]> {
  const students = await Promise.all(finding.students.map(named));
  return studentIds.map((studentId) => students.find((student) => student.studentId === studentId)!);
}

export async function recordFinding(job: Job, finding: Finding): Promise<void> {
  const studentIds = finding.students.map((student) => student.studentId).sort();
  const problemId = problemIdOf(finding.kind, studentIds);
  const basis = basisDigest(finding.basis);
  const actor = { userId: job.createdBy.userId, displayName: job.createdBy.displayName, role: job.createdBy.role };
  const entry = (action: string, old: string | null) => ({ entity: { type: 'PROBLEM', id: problemId }, actor, action, changes: [{ field: 'status', old, new: 'open' }], reason: '问题学籍检查' });
  let existing = await getProblem(problemId);
  const now = new Date().toISOString();
  if (!existing) {
    const students = await studentsOf(finding, studentIds);
    const problem: Problem = { problemId, kind: finding.kind, status: 'open', studentIds, students, detail: finding.detail, basis, queues: queuesOf(students), detectedAt: now, since: now, version: 1 };
    try {
      await commitWithAudit(tableName(RECORDS_TABLE), problemCreateWrites(problem), entry('problem.detect', null));
      return;
    } catch (error) {
      // Made meanwhile by another scan: the same finding.
      if (!conditionFailed(error)) throw error;
      existing = await getProblem(problemId);
      if (!existing) throw error;
    }
  }
  if (existing.status === 'open' || !existing.resolution || !reopens(existing.resolution, basis)) return;
  const students = await studentsOf(finding, studentIds);
  const { resolution: _settled, ...rest } = existing;
  const reopened: Problem = { ...rest, status: 'open', students, detail: finding.detail, basis, queues: queuesOf(students), since: now, version: existing.version + 1 };
  try {
    await commitWithAudit(tableName(RECORDS_TABLE), problemMoveWrites(existing, reopened), entry('problem.reopen', 'resolved'));
  } catch (error) {
    // Moved meanwhile (another scan opened it again first): nothing left to do.
    if (!conditionFailed(error)) throw error;
  }
}
