// Who may export a student's transcript (成绩单): the student itself, its class's advisor, the
// school's office and the bureaus above; a teacher of the class gets 403, everyone else 404. The
// national student number is in full for those who see it so (the offices and the student).
import { decide } from '#shared/domain/policy.ts';
import { loadStudentFor, studentTarget } from '../../students/access.ts';
import type { ExportAccess } from '../registry.ts';

export const transcriptAccess: ExportAccess<'transcript'> = {
  async authorize(principal, request) {
    const record = await loadStudentFor(principal, request.studentId, 'student.transcript');
    return { orgId: record.schoolId, orgPath: record.orgPath, full: decide(principal, 'student.readFull', studentTarget(record)).allowed };
  },
};
