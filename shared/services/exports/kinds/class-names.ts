// The names of the classes and grades some records are in, read once per class (cached by the directory).
import { getOrg } from '#shared/data/directory-repo.ts';
import type { StudentRecord } from '#shared/domain/student.ts';

export async function classNames(records: Pick<StudentRecord, 'classId' | 'gradeId'>[]): Promise<Map<string, string>> {
  const ids = [...new Set(records.flatMap((record) => [record.classId, record.gradeId]))];
  const orgs = await Promise.all(ids.map((id) => getOrg(id)));
  return new Map(ids.map((id, index) => [id, orgs[index]?.name ?? id]));
}
