// A school's or a county's problem queue (问题学籍): one status at a time (待处理 unless asked),
// optionally one kind, by kind and then oldest first, with the queue's counts per status and kind.
// A county's queue holds every problem of its schools' records, a duplicate with a record in
// another county included (both counties list it). Cities and the province read a county's or a
// school's queue of their area.
import { queueCounts, queuePage } from '#shared/data/problem-repo.ts';
import type { ProblemKind, ProblemStatus } from '#shared/domain/problems/kinds.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, forbidden } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { presentProblem } from './present.ts';

export interface ProblemQuery {
  orgId: string;
  kind?: ProblemKind | undefined;
  status?: ProblemStatus | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listProblems(principal: Principal, query: ProblemQuery) {
  const org = await readableOrg(principal, query.orgId);
  const decision = decide(principal, 'problem.read', { orgPath: org.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '问题学籍仅供学校学籍管理员和教育行政部门查看');
  if (org.kind !== 'school' && org.kind !== 'county') throw badRequest('SCOPE_REQUIRED', '请选择区县或学校查看问题学籍', [{ path: 'orgId', code: 'scope_required', message: '须为区县或学校' }]);
  const [page, counts] = await Promise.all([queuePage(org.orgId, { status: query.status ?? 'open', kind: query.kind }, { limit: query.limit, cursor: query.cursor }), queueCounts(org.orgId)]);
  return { items: page.items.map(presentProblem), counts, nextCursor: page.nextCursor };
}
