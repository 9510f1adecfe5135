// The 学信网 graduates' registration file (毕业生注册) of a grade or a school: the graduated
// students whose grade has a programme set, with the graduation date, conclusion and certificate
// number. Rows failing the pre-export checks are left out, listed as the job's errors, and get no
// number; the others get theirs once and keep it (chsi-certificates.ts).
import { chsiFile } from '#shared/domain/exports/chsi-file.ts';
import { dataExport } from '../renderers.ts';
import { certificatesFor } from './chsi-certificates.ts';
import { chsiSource } from './chsi-source.ts';

export const chsiGraduateContent = dataExport<'chsiGraduate'>(async (request, context) => {
  const source = await chsiSource(request.orgId, { full: context.full, statuses: ['graduated'] });
  const certificates = await certificatesFor(source.students, source.settings, context.at);
  const students = source.students.map((student) => {
    const certificate = certificates.get(student.record.studentId)!;
    // The records keep graduation only (status graduated): the conclusion is 毕业.
    return { ...student, graduation: { date: certificate.graduatedOn, conclusion: '毕业' as const, certificateNo: certificate.certificateNo } };
  });
  return { ...chsiFile('chsiGraduate', source.settings, source.placeName, students), refused: source.refused };
});
