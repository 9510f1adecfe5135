// A school's 学信网 registration settings: set by the school's registrar (the one who registers its
// students), read by the registrar and the bureaus above, who export the 学信网 files (policy
// `records.export`). A write replaces the settings whole, with its audit entry in the same
// transaction; certificate numbers already given stay as they are.
import { commitWithAudit } from '#shared/data/audit.ts';
import { allChildOrgs } from '#shared/data/directory-repo.ts';
import { getRegistration, registrationWrite, type StoredRegistration } from '#shared/data/registration-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { checkedSettings, settingsProblems, type RegistrationInput } from '#shared/domain/exports/chsi-settings.ts';
import type { Org } from '#shared/domain/org.ts';
import { decide, type Action } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, forbidden, ruleViolation } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';

async function schoolFor(principal: Principal, schoolId: string, action: Action, refusal: string): Promise<Org> {
  const school = await readableOrg(principal, schoolId);
  if (school.kind !== 'school') throw badRequest('VALIDATION_FAILED', `${schoolId} 不是学校`, [{ path: 'schoolId', code: 'wrong_kind', message: '应为学校' }]);
  const decision = decide(principal, action, { orgPath: school.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, refusal);
  return school;
}

export async function readRegistration(principal: Principal, schoolId: string): Promise<{ settings: StoredRegistration | null }> {
  const school = await schoolFor(principal, schoolId, 'records.export', '您的角色不能查看学信网注册设置');
  return { settings: await getRegistration(school.orgId) };
}

export async function setRegistration(principal: Principal, schoolId: string, input: RegistrationInput): Promise<{ settings: StoredRegistration }> {
  const school = await schoolFor(principal, schoolId, 'student.write', '只有本校的学籍管理员可以设置学信网注册信息');
  const problems = settingsProblems(input);
  if (problems.length > 0) throw ruleViolation('VALIDATION_FAILED', problems.map((problem) => problem.message).join('；'), problems);
  const grades = new Set((await allChildOrgs(school.orgId)).filter((org) => org.kind === 'grade').map((grade) => grade.orgId));
  const strange = Object.keys(input.grades).filter((gradeId) => !grades.has(gradeId));
  if (strange.length > 0) throw ruleViolation('VALIDATION_FAILED', '设置的年级不属于本校', strange.map((gradeId) => ({ path: `grades.${gradeId}`, code: 'unknown_grade', message: '本校没有该年级' })));
  const before = await getRegistration(school.orgId);
  const { updatedAt: _at, updatedBy: _by, ...old } = before ?? { updatedAt: '', updatedBy: '' };
  const stored: StoredRegistration = { ...checkedSettings(input)!, updatedAt: new Date().toISOString(), updatedBy: principal.displayName };
  const { updatedAt: _now, updatedBy: _me, ...settings } = stored;
  await commitWithAudit(tableName(RECORDS_TABLE), [registrationWrite(school.orgId, stored)], {
    entity: { type: 'ORG', id: school.orgId },
    actor: actorOf(principal),
    action: 'school.registration',
    changes: [{ field: 'registration', old: before ? old : null, new: settings }],
  });
  return { settings: stored };
}
