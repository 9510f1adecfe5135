// Gives a new student the school's own number (学号) when the school has a numbering scheme: the
// next of its prefix's counter, taken in the enrolment's transaction (enrol.ts), so numbers have no
// gaps and no repeats even when a bulk import and a registrar enrol at the same moment.
import type { TransactItem } from '#shared/data/audit.ts';
import { getScheme, schoolNumberCounterKey } from '#shared/data/numbering-repo.ts';
import { claimNext } from '#shared/data/student-repo.ts';
import { formatSchoolNumber, numberPrefix } from '#shared/domain/school-numbering.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { ruleViolation } from '#shared/http/api-error.ts';

export async function nextSchoolNumber(record: StudentRecord): Promise<{ value: string; take: TransactItem } | undefined> {
  const scheme = await getScheme(record.schoolId);
  if (!scheme) return undefined;
  const prefix = numberPrefix(scheme, record);
  if ('problem' in prefix) throw ruleViolation('NUMBERING_INCOMPLETE', `${prefix.problem}，请学校先完善学号编排`, [{ path: 'classId', code: 'numbering', message: prefix.problem }]);
  const claim = await claimNext(schoolNumberCounterKey(record.schoolId, prefix.prefix));
  const value = formatSchoolNumber(prefix.prefix, prefix.width, claim.value);
  if (!value) throw ruleViolation('NUMBER_SPACE_EXHAUSTED', `学号 ${prefix.prefix} 开头的序号已用尽，请加长学号编排的序号位数`);
  return { value, take: claim.take };
}
