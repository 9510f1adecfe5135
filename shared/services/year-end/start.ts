// Starting a year-end batch of a school (学年末): promotion (升级) or graduation (毕业) of a grade.
// Only the school's registrar starts one (the county sees its jobs, but the school's records are
// the school's to close); never while the school has open status-change cases, which the refusal
// lists; and one at a time per school (the school's year-end hold). The work itself runs as a job
// (shared/services/year-end/workers.ts).
import { schoolOpenCases } from '#shared/data/change-repo.ts';
import { getOrg } from '#shared/data/directory-repo.ts';
import { JOB_KIND_LABEL, type Job, type JobKind } from '#shared/domain/jobs.ts';
import type { Org } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, conflict, forbidden } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { HeldByAnother, startJob } from '../jobs/start.ts';

/** How many open cases a refusal lists (the count says if there are more). */
const LISTED_CASES = 50;

/** While a school's year-end job runs, it holds this item: a second one waits. */
export const yearEndHold = (schoolId: string) => ({ PK: `YEAREND#${schoolId}`, SK: 'HOLD' });

/** A school promotes once per school year (学年, from September): a promotion that succeeded keeps this. */
const promotedIn = (schoolId: string, now = new Date()) => {
  const china = new Date(now.getTime() + 8 * 60 * 60 * 1000);
  const schoolYear = china.getUTCMonth() >= 8 ? china.getUTCFullYear() : china.getUTCFullYear() - 1;
  return { PK: `YEAREND#${schoolId}`, SK: `PROMOTED#${schoolYear}` };
};

async function schoolFor(principal: Principal, schoolId: string): Promise<Org> {
  const school = await readableOrg(principal, schoolId);
  if (school.kind !== 'school') throw badRequest('VALIDATION_FAILED', '不是学校', [{ path: 'schoolId', code: 'unknown_org', message: '该机构不是学校' }]);
  const decision = decide(principal, 'school.yearEnd', { orgPath: school.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '学年末升级、毕业由学校学籍管理员办理');
  return school;
}

async function assertNoOpenCases(school: Org, kind: JobKind): Promise<void> {
  const open = await schoolOpenCases(school.orgId);
  if (open.length === 0) return;
  const cases = open.slice(0, LISTED_CASES).map(({ changeId, type, studentName }) => ({ changeId, type, studentName }));
  throw conflict('OPEN_CASES', `本校还有 ${open.length} 件未办结的学籍异动申请，办结或撤销后才能${JOB_KIND_LABEL[kind]}`).withDetails({ count: open.length, cases });
}

async function start(principal: Principal, school: Org, kind: JobKind, request: Record<string, unknown>): Promise<Job> {
  await assertNoOpenCases(school, kind);
  const once = kind === 'promotion' ? [promotedIn(school.orgId)] : [];
  try {
    return await startJob(principal, { kind, orgId: school.orgId, request, holds: [yearEndHold(school.orgId)], keeps: once, reason: JOB_KIND_LABEL[kind] });
  } catch (error) {
    if (!(error instanceof HeldByAnother)) throw error;
    const details = error.jobId ? { jobId: error.jobId } : {};
    if (error.hold.SK.startsWith('PROMOTED#')) throw conflict('ALREADY_PROMOTED', '本校本学年已经升级过，不能再次升级').withDetails(details);
    throw conflict('JOB_RUNNING', '本校的另一个学年末任务尚未完成，完成后再提交').withDetails(details);
  }
}

export async function startPromotion(principal: Principal, schoolId: string): Promise<Job> {
  const school = await schoolFor(principal, schoolId);
  return start(principal, school, 'promotion', { schoolId: school.orgId });
}

export async function startGraduation(principal: Principal, schoolId: string, gradeId: string): Promise<Job> {
  const school = await schoolFor(principal, schoolId);
  const grade = await getOrg(gradeId);
  if (grade?.kind !== 'grade' || grade.parentId !== school.orgId) throw badRequest('VALIDATION_FAILED', '该年级不属于本校', [{ path: 'gradeId', code: 'unknown_org', message: '不是本校的年级' }]);
  return start(principal, school, 'graduation', { schoolId: school.orgId, gradeId: grade.orgId });
}
