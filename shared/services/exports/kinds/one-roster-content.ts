// A school's OneRoster 1.2 bundle (OneRoster 数据包, a zip of CSVs): the school and its county, its
// grades and classes, the students on roll, its teachers and class advisors from the directory, its
// courses and the sections of the current school year's terms. The mapping is
// shared/domain/exports/one-roster.ts; this only reads.
import { allChildOrgs, getOrg, listOrgUsers } from '#shared/data/directory-repo.ts';
import { listCourses, listSections } from '#shared/data/teaching-repo.ts';
import type { PageRequest } from '#shared/data/query-page.ts';
import { oneRosterFile, schoolYearAt } from '#shared/domain/exports/one-roster.ts';
import type { Org } from '#shared/domain/org.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { Course, Section } from '#shared/domain/teaching/course.ts';
import { JobFailure } from '../../jobs/run.ts';
import { dataExport } from '../renderers.ts';
import { orgRecords } from './org-records.ts';

/** Every page of a paged read. */
async function allPages<T>(read: (page: PageRequest) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The school's teachers (accounts at the school) and its classes' advisors (accounts at each class). */
async function staffOf(school: Org, classes: Org[]): Promise<Principal[]> {
  const atSchool = await allPages((page) => listOrgUsers(school.orgId, page));
  const atClasses = await Promise.all(classes.map((klass) => allPages((page) => listOrgUsers(klass.orgId, page))));
  return [...atSchool.filter((user) => user.role === 'teacher'), ...atClasses.flat().filter((user) => user.role === 'class_advisor')];
}

export const oneRosterContent = dataExport<'oneRoster'>(async (request, context) => {
  const school = await getOrg(request.orgId);
  if (!school) throw new JobFailure('学校已不存在');
  const schoolYear = schoolYearAt(context.at);
  const grades = (await allChildOrgs(school.orgId)).filter((org) => org.kind === 'grade');
  const classes = (await Promise.all(grades.map((grade) => allChildOrgs(grade.orgId)))).flat().filter((org) => org.kind === 'class');
  const terms = [`${schoolYear}-1`, `${schoolYear}-2`];
  const [county, students, staff, courses, sections] = await Promise.all([
    school.parentId ? getOrg(school.parentId) : undefined,
    orgRecords(school),
    staffOf(school, classes),
    allPages<Course>((page) => listCourses(school.orgId, page)),
    Promise.all(terms.map((term) => allPages<Section>((page) => listSections(school.orgId, term, page)))).then((each) => each.flat()),
  ]);
  return oneRosterFile({ school, county, grades, classes, students, staff, courses, sections, schoolYear, full: context.full });
});
