// Courses (课程) of a school: created once per code, listed by code.
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { listCourses as listCourseItems, putCourse } from '#shared/data/teaching-repo.ts';
import type { PageRequest } from '#shared/data/query-page.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { courseIdOf, type Assessment, type Course } from '#shared/domain/teaching/course.ts';
import { conflict } from '#shared/http/api-error.ts';
import { DIRECTORY_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { assertArranges, orgOfKind } from './access.ts';

export interface NewCourse {
  schoolId: string;
  code: string;
  name: string;
  credits: number;
  hours: number;
  assessment: Assessment;
}

export async function createCourse(principal: Principal, input: NewCourse): Promise<Course> {
  const school = await orgOfKind(principal, input.schoolId, 'school', 'schoolId');
  assertArranges(principal, school);
  const course: Course = { courseId: courseIdOf(school.orgId, input.code), schoolId: school.orgId, code: input.code, name: input.name, credits: input.credits, hours: input.hours, assessment: input.assessment };
  try {
    await commitWithAudit(tableName(DIRECTORY_TABLE), [putCourse(course)], {
      entity: { type: 'COURSE', id: course.courseId },
      actor: actorOf(principal),
      action: 'course.create',
      changes: (['code', 'name', 'credits', 'hours', 'assessment'] as const).map((field) => ({ field, old: null, new: course[field] })),
    });
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') {
      const message = `本校已有代码为 ${course.code} 的课程`;
      throw conflict('COURSE_EXISTS', message, [{ path: 'code', code: 'duplicate', message }]);
    }
    throw error;
  }
  return course;
}

export async function listCourses(principal: Principal, schoolId: string, page: PageRequest): Promise<{ items: Course[]; nextCursor: string | null }> {
  const school = await orgOfKind(principal, schoolId, 'school', 'schoolId');
  return listCourseItems(school.orgId, page);
}
