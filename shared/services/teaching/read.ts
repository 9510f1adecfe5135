// Reading sections: a school's or a class's in a term (a teacher sees those it teaches and its
// classes'), and one section with its roster (the class's students on roll).
import { listStudents } from '#shared/data/student-repo.ts';
import type { PageRequest } from '#shared/data/query-page.ts';
import { listSections as listSectionItems } from '#shared/data/teaching-repo.ts';
import { DEFAULT_LISTED_STATUSES } from '#shared/domain/changes/kinds.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Section } from '#shared/domain/teaching/course.ts';
import { badRequest } from '#shared/http/api-error.ts';
import { mayRead, mayReadRoster, orgOfKind, schoolOf } from './access.ts';
import { readSection } from './sections.ts';

export interface SectionQuery extends PageRequest {
  term: string;
  schoolId?: string | undefined;
  classId?: string | undefined;
  teacherId?: string | undefined;
}

/** One page; filters on the teacher and on what the caller may see may leave it short, the cursor still moves on. */
export async function listSections(principal: Principal, query: SectionQuery): Promise<{ items: Section[]; nextCursor: string | null }> {
  const page = { limit: query.limit, cursor: query.cursor };
  let result: { items: Section[]; nextCursor: string | null };
  if (query.classId) {
    const klass = await orgOfKind(principal, query.classId, 'class', 'classId');
    result = await listSectionItems((await schoolOf(klass)).orgId, query.term, page, klass.orgId);
  } else {
    const schoolId = query.schoolId ?? (principal.role === 'teacher' || principal.role === 'school_registrar' ? principal.orgId : undefined);
    if (!schoolId) throw badRequest('SCOPE_REQUIRED', '请指定学校 (schoolId) 或班级 (classId)', [{ path: 'schoolId', code: 'required', message: '请指定学校或班级' }]);
    const school = await orgOfKind(principal, schoolId, 'school', 'schoolId');
    result = await listSectionItems(school.orgId, query.term, page);
  }
  return { items: result.items.filter((section) => mayRead(principal, section) && (!query.teacherId || section.teacherId === query.teacherId)), nextCursor: result.nextCursor };
}

export interface RosterEntry {
  studentId: string;
  name: string;
  gender: string;
  classSeatNo?: string;
}

export async function sectionWithRoster(principal: Principal, sectionId: string): Promise<{ section: Section; roster?: RosterEntry[] }> {
  const section = await readSection(principal, sectionId);
  if (!mayReadRoster(principal, section)) return { section };
  return { section, roster: await rosterOf(section) };
}

/** A section's roster: its class's students on roll, by seat number. */
export async function rosterOf(section: Pick<Section, 'classId'>): Promise<RosterEntry[]> {
  const roster: RosterEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listStudents({ kind: 'class', id: section.classId }, { statuses: DEFAULT_LISTED_STATUSES, includeDeleted: false, limit: 200, cursor });
    roster.push(...page.items.map((row) => ({ studentId: row.studentId, name: row.name, gender: row.gender, ...(row.classSeatNo ? { classSeatNo: row.classSeatNo } : {}) })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return roster;
}
