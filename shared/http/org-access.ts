// Loads an organisation the caller may read, or answers 404/403 without revealing its content.
import { getOrg } from '#shared/data/directory-repo.ts';
import type { Org } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { forbidden, notFound } from './api-error.ts';

export async function readableOrg(principal: Principal, orgId: string): Promise<Org> {
  const org = await getOrg(orgId);
  if (!org) throw notFound('组织机构不存在');
  const decision = decide(principal, 'org.read', { orgPath: org.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '该组织机构不在您的管辖范围内');
  return org;
}

export const publicOrg = ({ orgId, kind, code, name, parentId }: Org) => ({ orgId, kind, code, name, parentId });
