// Requesting an export: the kind's access check, then a job (queued) that the exports function
// works through (worker.ts). What the caller may see is decided now and kept with the job, so the
// file shows what its requester may see, whoever reads the job later.
import { EXPORT_KIND_LABEL, type ExportRequest } from '#shared/domain/exports/kinds.ts';
import type { Job } from '#shared/domain/jobs.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { startJob } from '../jobs/start.ts';
import { authorizeExport } from './registry.ts';

/** The worker's state: what the file may show; once made, where it is. */
export interface ExportState {
  full: boolean;
  key?: string;
  size?: number;
}

export async function startExport(principal: Principal, request: ExportRequest): Promise<Job> {
  const grant = await authorizeExport(principal, request);
  const state: ExportState = { full: grant.full };
  return startJob(principal, { kind: 'export', orgId: grant.orgId, request: { ...request }, state, reason: `导出${EXPORT_KIND_LABEL[request.kind]}` });
}
