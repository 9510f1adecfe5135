// GET /v1/stats: an organisation's statistics, one read of its counters whatever its size (the
// stream consumer adds every write to each organisation above it), and on request its direct
// children's, one query of their counters beside the page(s) of the children themselves.
import { listChildOrgs } from '#shared/data/directory-repo.ts';
import { childrenCounts, orgCounts } from '#shared/data/stats-repo.ts';
import type { Org } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { forbidden } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { presentCounts } from './present.ts';

export interface StatsQuery {
  orgId: string;
  children?: 'true' | 'false' | undefined;
}

export async function orgStatistics(principal: Principal, query: StatsQuery) {
  const org = await readableOrg(principal, query.orgId);
  const decision = decide(principal, 'stats.read', { orgPath: org.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '统计仅供学校学籍管理员和教育行政部门查看');
  return statisticsOf(org, query.children === 'true');
}

/** An organisation's counts, and its children's if asked (no access check: the caller decided). */
export async function statisticsOf(org: Org, withChildren: boolean) {
  const [counts, children] = await Promise.all([orgCounts(org.orgId, org.parentId), withChildren ? childStatistics(org) : undefined]);
  return { orgId: org.orgId, kind: org.kind, name: org.name, counts: presentCounts(counts), ...(children ? { children } : {}) };
}

async function childStatistics(org: Org) {
  const [orgs, counts] = await Promise.all([allChildren(org.orgId), childrenCounts(org.orgId)]);
  return orgs.map((child) => ({ orgId: child.orgId, kind: child.kind, name: child.name, counts: presentCounts(counts.get(child.orgId) ?? {}) }));
}

async function allChildren(orgId: string): Promise<Org[]> {
  const children: Org[] = [];
  let cursor: string | undefined;
  do {
    const page = await listChildOrgs(orgId, { limit: 500, cursor });
    children.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return children;
}
