// Who works with imports: the registrar of the school (the one role that enrols, policy
// `student.write`), for its own school only. An import holds a whole intake's personal data, so
// nobody else reads it, not even the offices above (they see the records once written).
import { getImport } from '#shared/data/import-repo.ts';
import type { Import } from '#shared/domain/imports/import.ts';
import type { Org } from '#shared/domain/org.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { badRequest, forbidden, notFound } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';

/** The school a registrar imports into. */
export async function importingSchool(principal: Principal, schoolId: string): Promise<Org> {
  const school = await readableOrg(principal, schoolId);
  if (school.kind !== 'school') throw badRequest('VALIDATION_FAILED', `${schoolId} 不是学校`, [{ path: 'schoolId', code: 'wrong_kind', message: '应为学校' }]);
  const decision = decide(principal, 'student.write', { orgPath: school.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '只有本校的学籍管理员可以导入学生');
  return school;
}

/** An import its school's registrar works with; to anyone else it does not exist. */
export async function loadImportFor(principal: Principal, importId: string): Promise<Import> {
  const record = await getImport(importId);
  if (!record || !decide(principal, 'student.write', { orgPath: record.orgPath }).allowed) throw notFound('导入不存在');
  return record;
}
