// A school's numbering scheme (学号编排), read by whoever may read the school and set by its
// registrar. It applies to enrolments after it is set; numbers already given stay as they are.
import { commitWithAudit } from '#shared/data/audit.ts';
import { allChildOrgs } from '#shared/data/directory-repo.ts';
import { forgetScheme, getScheme, schemeWrite, type StoredScheme } from '#shared/data/numbering-repo.ts';
import { tableName } from '#shared/data/resource-names.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { schemeProblem, type NumberingScheme } from '#shared/domain/school-numbering.ts';
import { ruleViolation } from '#shared/http/api-error.ts';
import { readableOrg } from '#shared/http/org-access.ts';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { importingSchool } from './access.ts';

export async function readNumbering(principal: Principal, schoolId: string): Promise<{ scheme: StoredScheme | null }> {
  const school = await readableOrg(principal, schoolId);
  return { scheme: await getScheme(school.orgId) };
}

export async function setNumbering(principal: Principal, schoolId: string, scheme: NumberingScheme): Promise<{ scheme: StoredScheme }> {
  const school = await importingSchool(principal, schoolId);
  const problem = schemeProblem(scheme);
  if (problem) throw ruleViolation('VALIDATION_FAILED', problem.message, [{ path: problem.path, code: 'invalid', message: problem.message }]);
  const grades = new Set((await allChildOrgs(school.orgId)).map((grade) => grade.orgId));
  const strange = Object.keys(scheme.majors ?? {}).filter((gradeId) => !grades.has(gradeId));
  if (strange.length > 0) throw ruleViolation('VALIDATION_FAILED', '专业代码对应的年级不属于本校', strange.map((gradeId) => ({ path: `majors.${gradeId}`, code: 'unknown_grade', message: '本校没有该年级' })));
  const before = await getScheme(school.orgId);
  const stored: StoredScheme = { pattern: scheme.pattern, ...(scheme.site ? { site: scheme.site } : {}), ...(scheme.majors ? { majors: scheme.majors } : {}), updatedAt: new Date().toISOString(), updatedBy: principal.displayName };
  await commitWithAudit(tableName(RECORDS_TABLE), [schemeWrite(school.orgId, stored)], {
    entity: { type: 'ORG', id: school.orgId },
    actor: actorOf(principal),
    action: 'school.numbering',
    changes: [{ field: 'numbering', old: before ? { pattern: before.pattern, site: before.site, majors: before.majors } : null, new: { pattern: stored.pattern, site: stored.site, majors: stored.majors } }],
  });
  forgetScheme(school.orgId);
  return { scheme: stored };
}
