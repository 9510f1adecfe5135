import { listStudentCorrectionsRoute } from '#shared/api/corrections.ts';
import { listStudentCorrections } from '#shared/data/correction-repo.ts';
import { decide } from '#shared/domain/policy.ts';
import { forbidden } from '#shared/http/api-error.ts';
import { presentCorrection } from '#shared/services/students/corrections.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { loadStudentFor, studentTarget } from '#shared/services/students/access.ts';

export const handler = apiHandler(listStudentCorrectionsRoute, async ({ principal, params, query }) => {
  const record = await loadStudentFor(principal, params.studentId, 'student.read');
  const target = studentTarget(record);
  if (!decide(principal, 'student.selfService', target).allowed && !decide(principal, 'student.reviewCorrection', target).allowed) {
    throw forbidden('ROLE_NOT_ALLOWED', '只有学生本人和本校学籍管理员可以查看校对申请');
  }
  const page = await listStudentCorrections(record.studentId, query);
  return { body: { items: page.items.map(presentCorrection), nextCursor: page.nextCursor } };
});
