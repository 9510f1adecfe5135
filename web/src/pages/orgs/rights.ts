// What the caller may do on the organisation page, asked of the one policy module
// (shared/domain/policy.ts) rather than decided again here.
import { decide, roleRank } from '#shared/domain/policy.ts';
import type { OrgKind } from '#shared/domain/org.ts';
import { ROLES, ROLE_ORG_KIND, type Role } from '#shared/domain/roles.ts';
import type { Me } from '../../auth/session.tsx';

/**
 * Whether the caller's role may add organisations or open accounts. The page only shows nodes the
 * API let the caller read, which lie inside its subtree, so the caller's own path stands in for
 * the node's (the API does not send paths).
 */
export function mayManage(me: Me, action: 'org.manage' | 'user.manage'): boolean {
  return decide({ ...me, username: me.userId }, action, { orgPath: me.orgPath }).allowed;
}

/** Roles the caller may open at a node of this kind: below its own, and sitting at that kind. */
export function assignableRoles(me: Me, kind: OrgKind): Role[] {
  return ROLES.filter((role) => roleRank(role) > roleRank(me.role) && ROLE_ORG_KIND[role] === kind);
}
