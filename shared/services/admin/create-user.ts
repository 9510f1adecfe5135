// Opens an account for a role below the caller's, at an organisation of the role's level inside
// the caller's subtree. The account, its unique username and the audit entry (a permission
// change: who granted what, when) commit together.
import { authMode } from '#shared/auth/auth-mode.ts';
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { devUserKey, getOrg, userItem, usernameKey } from '#shared/data/directory-repo.ts';
import { getStudent } from '#shared/data/student-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { DIRECTORY_TABLE } from '#shared/manifest/resources.ts';
import { isWithin } from '#shared/domain/org.ts';
import { decide, roleRank } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { ROLE_LABEL, ROLE_ORG_KIND, type Role } from '#shared/domain/roles.ts';
import { badRequest, conflict, forbidden, ruleViolation } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { actorOf } from '../students/access.ts';

export interface NewUser {
  username: string;
  subject?: string | undefined;
  role: Role;
  orgId: string;
  displayName: string;
  studentId?: string | undefined;
  classIds?: string[] | undefined;
}

const field = (path: string, message: string) => badRequest('VALIDATION_FAILED', message, [{ path, code: 'invalid', message }]);

export async function createUser(principal: Principal, input: NewUser): Promise<Principal> {
  const org = await readableOrg(principal, input.orgId);
  const decision = decide(principal, 'user.manage', { orgPath: org.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '您的角色不能开通账号');
  if (roleRank(input.role) <= roleRank(principal.role)) throw forbidden('ROLE_TOO_HIGH', `只能开通比本人层级低的账号，不能开通${ROLE_LABEL[input.role]}`);
  if (ROLE_ORG_KIND[input.role] !== org.kind) throw ruleViolation('ROLE_ORG_MISMATCH', `${ROLE_LABEL[input.role]}账号须开在${ROLE_ORG_KIND[input.role]}级机构`);

  const devLogin = authMode() === 'local';
  const subject = input.subject ?? (devLogin ? `local|${input.username}` : undefined);
  if (!subject) throw field('subject', '请填写该用户在身份提供方的 subject');

  let studentId: string | undefined;
  if (input.role === 'student') {
    const record = input.studentId ? await getStudent(input.studentId) : undefined;
    if (!record || record.deleted || record.classId !== org.orgId) throw field('studentId', '学生账号须对应本班一条有效学籍');
    studentId = record.studentId;
  }
  let classIds: string[] | undefined;
  if (input.role === 'teacher') {
    classIds = [...new Set(input.classIds ?? [])];
    for (const classId of classIds) {
      const taught = await getOrg(classId);
      if (!taught || taught.kind !== 'class' || !isWithin(taught.orgPath, org.orgPath)) throw field('classIds', `班级 ${classId} 不是本校班级`);
    }
  }

  const user: Principal = {
    userId: subject,
    username: input.username,
    role: input.role,
    orgId: org.orgId,
    orgPath: org.orgPath,
    displayName: input.displayName,
    ...(studentId ? { studentId } : {}),
    ...(classIds ? { classIds } : {}),
  };
  const table = tableName(DIRECTORY_TABLE);
  const put = (Item: Record<string, unknown>) => ({ Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(PK)' } });
  const writes = [put(userItem(user)), put({ ...usernameKey(user.username), itemType: 'username', userId: subject })];
  // With the demo users' sign-in, a new account can sign in through the dev login like them.
  if (devLogin) writes.push(put({ ...devUserKey(user.username), itemType: 'devUser', username: user.username, subject, role: user.role, orgId: user.orgId, displayName: user.displayName }));
  try {
    await commitWithAudit(table, writes, {
      entity: { type: 'USER', id: subject },
      actor: actorOf(principal),
      action: 'user.create',
      changes: [
        { field: 'role', old: null, new: user.role },
        { field: 'orgId', old: null, new: user.orgId },
        ...(classIds ? [{ field: 'classIds', old: null, new: classIds }] : []),
      ],
    });
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons.includes('ConditionalCheckFailed')) {
      // Writes: [0] the account (keyed by subject), [1] the username. With the dev login the subject
      // may be made from the username, so a taken account there is a taken username too.
      const takenUsername = error.reasons[1] === 'ConditionalCheckFailed' || input.subject === undefined;
      const [path, message] = takenUsername ? ['username', `用户名 ${user.username} 已被占用`] : ['subject', '该身份已开通账号'];
      throw conflict('USER_EXISTS', message, [{ path, code: 'duplicate', message }]);
    }
    throw error;
  }
  return user;
}
