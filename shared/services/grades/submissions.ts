// 成绩提交情况: for the school office, a term's sections with where each grade sheet stands (not
// begun, draft with how many graded, submitted), so it can chase the teachers who have not submitted.
import { getSheets } from '#shared/data/grade-repo.ts';
import { listSections } from '#shared/data/teaching-repo.ts';
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { forbidden } from '#shared/http/api-error.ts';
import { orgOfKind } from '../teaching/access.ts';

export interface Submission {
  sectionId: string;
  courseName: string;
  classId: string;
  teacherId?: string | undefined;
  teacherName?: string | undefined;
  status: 'none' | 'draft' | 'submitted';
  graded: number;
  submittedAt?: string | undefined;
}

export async function submissions(principal: Principal, query: { schoolId: string; term: string; status?: Submission['status'] | undefined; limit: number; cursor?: string | undefined }): Promise<{ items: Submission[]; nextCursor: string | null }> {
  const school = await orgOfKind(principal, query.schoolId, 'school', 'schoolId');
  const decision = decide(principal, 'grades.readSchool', { orgPath: school.orgPath });
  if (!decision.allowed) throw forbidden(decision.reason, '成绩提交情况由学校学籍 (教务) 管理员和上级教育行政部门查看');
  const page = await listSections(school.orgId, query.term, { limit: query.limit, cursor: query.cursor });
  const sheets = await getSheets(page.items.map((section) => section.sectionId));
  const items = page.items.map((section): Submission => {
    const sheet = sheets.get(section.sectionId);
    return {
      sectionId: section.sectionId,
      courseName: section.courseName,
      classId: section.classId,
      ...(section.teacherId ? { teacherId: section.teacherId, teacherName: section.teacherName } : {}),
      status: sheet?.status ?? 'none',
      graded: sheet?.grades.length ?? 0,
      ...(sheet?.submittedAt ? { submittedAt: sheet.submittedAt } : {}),
    };
  });
  return { items: query.status ? items.filter((item) => item.status === query.status) : items, nextCursor: page.nextCursor };
}
