// Starting a problem-record scan (问题学籍检查) of an organisation: a school's registrar scans its
// school, a bureau its area (school, county, city or province). The work runs as a job
// (scan-worker.ts) that the caller follows at GET /v1/jobs/{jobId}; one at a time per
// organisation (the organisation's scan hold), as a second pass would find nothing the first does
// not.
import type { Job, JobCreator } from '#shared/domain/jobs.ts';
import type { OrgKind } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, conflict, forbidden } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { HeldByAnother, startJob } from '../jobs/start.ts';

const SCANNED: readonly OrgKind[] = ['province', 'city', 'county', 'school'];

/** While an organisation's scan runs, it holds this item. */
const scanHold = (orgId: string) => ({ PK: `PROBLEMSCAN#${orgId}`, SK: 'HOLD' });

/** Starts the job; HeldByAnother when the organisation's last scan still runs. */
export function startScanJob(creator: JobCreator, org: { orgId: string }): Promise<Job> {
  return startJob(creator, { kind: 'problemScan', orgId: org.orgId, request: { orgId: org.orgId }, holds: [scanHold(org.orgId)], reason: '问题学籍检查' });
}

export async function startScan(principal: Principal, orgId: string): Promise<Job> {
  const org = await readableOrg(principal, orgId);
  if (!SCANNED.includes(org.kind)) throw badRequest('VALIDATION_FAILED', '请选择学校、区县、地市或省进行检查', [{ path: 'orgId', code: 'unknown_org', message: '须为学校或以上的机构' }]);
  const decision = decide(principal, 'problem.scan', { orgPath: org.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '问题学籍检查由学校学籍管理员和教育行政部门发起');
  try {
    return await startScanJob(principal, org);
  } catch (error) {
    if (!(error instanceof HeldByAnother)) throw error;
    throw conflict('SCAN_RUNNING', '本机构的问题学籍检查正在进行，完成后再提交').withDetails(error.jobId ? { jobId: error.jobId } : {});
  }
}
