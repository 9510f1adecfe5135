// GET /v1/exports: an organisation's exports, newest first, each with how it went and, once made
// and still kept, a download link valid five minutes. An export is listed to whoever may make the
// same export and see what its file shows (the link's own rule, link.ts), so a school's registrars
// share their exports and scheduled runs; others see a shorter page, never a file not theirs.
import { exportEntries, jobsOf, type ExportEntry } from '#shared/data/export-list-repo.ts';
import type { PageRequest } from '#shared/data/query-page.ts';
import type { ExportRequest } from '#shared/domain/exports/kinds.ts';
import type { Job } from '#shared/domain/jobs.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ApiError } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { exportLink } from './link.ts';
import { authorizeExport } from './registry.ts';
import type { ExportState } from './start.ts';

export function presentExport(entry: ExportEntry, job: Job | undefined, url: string | null) {
  return {
    exportId: entry.jobId,
    kind: entry.kind,
    format: entry.format,
    orgId: entry.orgId,
    createdAt: entry.createdAt,
    createdBy: entry.createdBy.displayName,
    ...(entry.scheduleId ? { scheduleId: entry.scheduleId } : {}),
    status: job?.status ?? 'failed',
    errors: job?.errors ?? 0,
    errorSamples: job?.errorSamples ?? [],
    ...(job?.completedAt ? { completedAt: job.completedAt } : {}),
    ...((job?.state as ExportState | undefined)?.size !== undefined ? { size: (job!.state as ExportState).size } : {}),
    url,
  };
}

async function readable(principal: Principal, job: Job): Promise<boolean> {
  try {
    const grant = await authorizeExport(principal, job.request as ExportRequest);
    return grant.full || !(job.state as ExportState | undefined)?.full;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}

export async function listExports(principal: Principal, orgId: string, page: PageRequest) {
  const org = await readableOrg(principal, orgId);
  const entries = await exportEntries(org.orgId, page);
  const jobs = await jobsOf(entries.items.map((entry) => entry.jobId));
  const items = await Promise.all(
    entries.items.map(async (entry) => {
      const job = jobs.get(entry.jobId);
      if (!job || !(await readable(principal, job))) return undefined;
      return presentExport(entry, job, await exportLink(principal, job));
    }),
  );
  return { items: items.filter((item) => item !== undefined), nextCursor: entries.nextCursor };
}
