// The nightly problem-record scan (每晚问题学籍检查): a scan of each root organisation (the
// deployment's province, or college), started by the system. A scan still running from the night
// before (a very large table) holds its organisation, and tonight's is skipped rather than queued.
import { allChildOrgs } from '#shared/data/directory-repo.ts';
import { logger } from '#shared/http/logger.ts';
import { HeldByAnother } from '../jobs/start.ts';
import { startScanJob } from './scan-start.ts';

/** Roots of the organisation tree are the children of this parent. */
const ROOT = 'ROOT';

export async function startNightlyScans(): Promise<number> {
  let started = 0;
  for (const root of await allChildOrgs(ROOT)) {
    try {
      await startScanJob({ userId: 'system', displayName: '系统 (每晚检查)', role: 'system', orgId: root.orgId, orgPath: root.orgPath }, root);
      started += 1;
    } catch (error) {
      if (!(error instanceof HeldByAnother)) throw error;
      logger.warn('nightly problem scan skipped: the last one still runs', { orgId: root.orgId, jobId: error.jobId });
    }
  }
  return started;
}
