// Who may export a section's grade sheet (登分表): its teacher, the school's office and the bureaus
// above. Others who may read the section get 403 (the class's advisor, another teacher of the
// class), everyone else 404, as for the sheet itself.
import { getSection } from '#shared/data/teaching-repo.ts';
import { decide } from '#shared/domain/policy.ts';
import { forbidden, notFound } from '#shared/http/api-error.ts';
import { mayReadRoster } from '../../teaching/access.ts';
import type { ExportAccess } from '../registry.ts';

export const gradeSheetAccess: ExportAccess<'gradeSheet'> = {
  async authorize(principal, request) {
    const section = await getSection(request.sectionId, true);
    if (!section || !mayReadRoster(principal, section)) throw notFound('教学班不存在或不在您的管辖范围内');
    const decision = decide(principal, 'grades.exportSheet', { orgPath: section.orgPath });
    if (!decision.allowed) throw forbidden(decision.reason, '登分表由任课教师、学校学籍 (教务) 管理员和上级教育部门导出');
    if (principal.role === 'teacher' && section.teacherId !== principal.userId) throw forbidden('NOT_SECTION_TEACHER', '只有本教学班的任课教师可以导出登分表');
    return { orgId: section.schoolId, orgPath: section.orgPath, full: false };
  },
};
