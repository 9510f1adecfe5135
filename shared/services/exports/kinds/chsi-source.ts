// What a 学信网 file is made of: the grade or school, its school's registration settings, and the
// records of the grades whose programme is set (a grade without one has no major to register, so
// it is left out; a grade export of such a grade, or a school without settings, fails the job with
// what to set). The rows that fail the pre-export checks are split off as the job's errors.
import { getOrg } from '#shared/data/directory-repo.ts';
import { getRegistration, type StoredRegistration } from '#shared/data/registration-repo.ts';
import type { RecordStatus } from '#shared/domain/changes/kinds.ts';
import { chsiProblems, refusedItem } from '#shared/domain/exports/chsi-checks.ts';
import type { ChsiStudent } from '#shared/domain/exports/chsi-file.ts';
import type { JobError } from '#shared/domain/jobs.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { JobFailure } from '../../jobs/run.ts';
import { classNames } from './class-names.ts';
import { orgRecords } from './org-records.ts';

export interface ChsiSource {
  settings: StoredRegistration;
  /** What the file is of, for its name: the school, or the school and the grade. */
  placeName: string;
  /** The rows that passed the checks, in print order. */
  students: ChsiStudent[];
  refused: JobError[];
}

export async function chsiSource(orgId: string, options: { full: boolean; statuses?: readonly RecordStatus[]; pick?: (records: StudentRecord[]) => StudentRecord[] }): Promise<ChsiSource> {
  // The 学信网 matches students by ID number: a file with masked numbers would be refused there.
  // Every role that may export these files reads ID numbers in full; this guards the rule.
  if (!options.full) throw new JobFailure('学信网注册文件须包含完整的证件号码，您的角色不能导出');
  const org = await getOrg(orgId);
  if (!org) throw new JobFailure('机构已不存在');
  const school = org.kind === 'school' ? org : await getOrg(org.parentId ?? '');
  if (!school) throw new JobFailure('学校已不存在');
  const settings = await getRegistration(school.orgId);
  if (!settings) throw new JobFailure('本校尚未设置学信网注册信息 (院校代码、各年级的专业与层次)，请先设置后再导出');
  if (org.kind === 'grade' && !settings.grades[org.orgId]) throw new JobFailure(`${org.name}尚未设置学信网注册的专业与层次，请先设置后再导出`);

  const records = (await orgRecords(org, options.statuses)).filter((record) => settings.grades[record.gradeId]);
  const chosen = options.pick ? options.pick(records) : records;
  const names = await classNames(chosen);
  const students: ChsiStudent[] = [];
  const refused: JobError[] = [];
  for (const record of chosen) {
    const problems = chsiProblems(record);
    if (problems.length > 0) refused.push({ item: refusedItem(record), message: problems.join('；') });
    else students.push({ record, className: names.get(record.classId) ?? record.classId, programme: settings.grades[record.gradeId]! });
  }
  return { settings, placeName: org.kind === 'school' ? settings.schoolName : `${settings.schoolName}_${org.name}`, students, refused };
}
