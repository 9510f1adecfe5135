// Adds an organisation under a parent in the caller's subtree; its kind follows the parent's,
// its id follows its code, and it commits together with its audit entry.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { orgItem } from '#shared/data/directory-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { DIRECTORY_TABLE } from '#shared/manifest/resources.ts';
import { checkChildCode } from '#shared/domain/org-codes.ts';
import { childKind, childPath, type Org } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, conflict, forbidden, ruleViolation } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { actorOf } from '../students/access.ts';

export async function createChildOrg(principal: Principal, parentId: string, input: { code: string; name: string }): Promise<Org> {
  const parent = await readableOrg(principal, parentId);
  const decision = decide(principal, 'org.manage', { orgPath: parent.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '您的角色不能管理组织机构');
  const kind = childKind(parent.kind);
  if (!kind) throw ruleViolation('NO_CHILD_KIND', '班级之下不能再设下级组织');
  const code = checkChildCode(parent, kind, input.code);
  if (!code.ok) throw badRequest('VALIDATION_FAILED', code.message, [{ path: 'code', code: 'invalid_code', message: code.message }]);
  const org: Org = { orgId: code.orgId, kind, code: code.code, name: input.name, parentId: parent.orgId, orgPath: childPath(parent.orgPath, code.orgId) };
  const table = tableName(DIRECTORY_TABLE);
  try {
    await commitWithAudit(table, [{ Put: { TableName: table, Item: orgItem(org), ConditionExpression: 'attribute_not_exists(PK)' } }], {
      entity: { type: 'ORG', id: org.orgId },
      actor: actorOf(principal),
      action: 'org.create',
      changes: [
        { field: 'code', old: null, new: org.code },
        { field: 'name', old: null, new: org.name },
        { field: 'parentId', old: null, new: org.parentId },
      ],
    });
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') {
      const message = `代码为 ${org.code} 的组织机构已存在`;
      throw conflict('ORG_EXISTS', message, [{ path: 'code', code: 'duplicate', message }]);
    }
    throw error;
  }
  return org;
}
