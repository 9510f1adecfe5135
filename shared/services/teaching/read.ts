// Reading sections: a school's or a class's in a term (a teacher sees those it teaches and its
// classes'), and one section with its roster (the class's students on roll).
import { listStudents } from '#shared/data/student-repo.ts';
import type { PageRequest } from '#shared/data/query-page.ts';
import { listSections as listSectionItems, teacherSections } from '#shared/data/teaching-repo.ts';
import { DEFAULT_LISTED_STATUSES } from '#shared/domain/changes/kinds.ts';
import type { Org } from '#shared/domain/org.ts';
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

/** One page: a teacher's sections from its own index, otherwise a class's or a school's. Sections the caller may not see are left out. */
export async function listSections(principal: Principal, query: SectionQuery): Promise<{ items: Section[]; nextCursor: string | null }> {
  const page = { limit: query.limit, cursor: query.cursor };
  const klass = query.classId ? await orgOfKind(principal, query.classId, 'class', 'classId') : undefined;
  const school = klass ? await schoolOf(klass) : await namedSchool(principal, query);
  let result: { items: Section[]; nextCursor: string | null };
  if (query.teacherId) result = await teacherSections(query.teacherId, query.term, page, klass?.orgId);
  else if (school) result = await listSectionItems(school.orgId, query.term, page, klass?.orgId);
  else throw badRequest('SCOPE_REQUIRED', '请指定学校 (schoolId)、班级 (classId) 或教师 (teacherId)', [{ path: 'schoolId', code: 'required', message: '请指定学校、班级或教师' }]);
  return { items: result.items.filter((section) => mayRead(principal, section) && (!school || section.schoolId === school.orgId)), nextCursor: result.nextCursor };
}

/** The school asked for, or the caller's own when it works in one school and names no teacher. */
async function namedSchool(principal: Principal, query: SectionQuery): Promise<Org | undefined> {
  const schoolId = query.schoolId ?? (!query.teacherId && (principal.role === 'teacher' || principal.role === 'school_registrar') ? principal.orgId : undefined);
  return schoolId ? orgOfKind(principal, schoolId, 'school', 'schoolId') : undefined;
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
