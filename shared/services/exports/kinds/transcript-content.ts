// A student's transcript (成绩单) from the records: the record, its submitted grades of every term,
// the school's and the class's names. The national student number is masked unless the requester
// may see it in full.
import { getOrg } from '#shared/data/directory-repo.ts';
import { studentGrades } from '#shared/data/grade-repo.ts';
import { getStudent } from '#shared/data/student-repo.ts';
import { GENDER } from '#shared/domain/code-tables.ts';
import { transcriptDocument } from '#shared/domain/exports/transcript.ts';
import { maskNationalStudentNo } from '#shared/domain/masking.ts';
import { JobFailure } from '../../jobs/run.ts';
import { tableExport } from '../renderers.ts';

export const transcriptContent = tableExport<'transcript'>(async (request, context) => {
  const record = await getStudent(request.studentId);
  if (!record) throw new JobFailure('学籍档案已不存在');
  const [grades, school, klass] = await Promise.all([studentGrades(record.studentId), getOrg(record.schoolId), getOrg(record.classId)]);
  return transcriptDocument({
    name: record.name,
    gender: GENDER[record.gender] ?? record.gender,
    nationalStudentNo: context.full ? record.nationalStudentNo : maskNationalStudentNo(record.nationalStudentNo),
    schoolName: school?.name ?? record.schoolId,
    className: klass?.name ?? record.classId,
    enrolledOn: record.enrolledOn,
    grades,
  });
});
