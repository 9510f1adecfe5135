// The records an organisation's export is made of: a class's, a grade's or a school's (a county's
// and above by county), not deleted, in the order a school prints them: grade, class, seat, name.
import { recordsIn } from '#shared/data/student-repo.ts';
import type { RecordStatus } from '#shared/domain/changes/kinds.ts';
import type { Org } from '#shared/domain/org.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { ON_ROLL } from '#shared/domain/year-end.ts';

const seat = (record: StudentRecord) => (record.classSeatNo ? record.classSeatNo.padStart(3, '0') : '~~~');

export async function orgRecords(org: Org, statuses: readonly RecordStatus[] = ON_ROLL): Promise<StudentRecord[]> {
  const records =
    org.kind === 'class'
      ? await recordsIn({ kind: 'class', id: org.orgId }, { statuses })
      : org.kind === 'grade'
        ? await recordsIn({ kind: 'school', id: org.parentId ?? '' }, { gradeId: org.orgId, statuses })
        : org.kind === 'school'
          ? await recordsIn({ kind: 'school', id: org.orgId }, { statuses })
          : await recordsIn({ kind: 'county', id: org.orgId }, { statuses });
  return records.sort((a, b) => a.grade.localeCompare(b.grade) || a.classId.localeCompare(b.classId) || seat(a).localeCompare(seat(b)) || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}
