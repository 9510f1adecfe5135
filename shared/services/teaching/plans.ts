// Teaching plans (教学计划): the courses a grade takes in a term, and the sections generated from
// one: a section per course and class of the grade, teacher, room and slots left to arrange.
// Generating again creates only what is missing.
import { allChildOrgs } from '#shared/data/directory-repo.ts';
import { commitWithAudit, TransactionConflict } from '#shared/data/audit.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { classSections, getCourse, getPlan, listPlans as listPlanItems, putPlan, putSection } from '#shared/data/teaching-repo.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { planIdOf, type Course, type Section, type TeachingPlan } from '#shared/domain/teaching/course.ts';
import { badRequest, conflict, notFound, ruleViolation } from '#shared/http/api-error.ts';
import { DIRECTORY_TABLE } from '#shared/manifest/resources.ts';
import { actorOf } from '../students/access.ts';
import { assertArranges, orgOfKind } from './access.ts';
import { sectionFor } from './sections.ts';

export interface NewPlan {
  schoolId: string;
  gradeId: string;
  term: string;
  courses: { courseId: string; hoursPerWeek: number }[];
}

export async function createPlan(principal: Principal, input: NewPlan): Promise<TeachingPlan> {
  const school = await orgOfKind(principal, input.schoolId, 'school', 'schoolId');
  assertArranges(principal, school);
  const grade = await orgOfKind(principal, input.gradeId, 'grade', 'gradeId');
  if (grade.parentId !== school.orgId) throw ruleViolation('VALIDATION_FAILED', '年级不属于该学校', [{ path: 'gradeId', code: 'other_school', message: '不是本校的年级' }]);
  const seen = new Set<string>();
  for (const [index, entry] of input.courses.entries()) {
    if (seen.has(entry.courseId)) throw badRequest('VALIDATION_FAILED', '同一课程列了两次', [{ path: `courses.${index}.courseId`, code: 'duplicate', message: '课程重复' }]);
    seen.add(entry.courseId);
    const course = await getCourse(entry.courseId);
    if (!course || course.schoolId !== school.orgId) throw ruleViolation('VALIDATION_FAILED', '课程不是本校的课程', [{ path: `courses.${index}.courseId`, code: 'not_found', message: '不是本校的课程' }]);
  }
  const plan: TeachingPlan = { planId: planIdOf(grade.orgId, input.term), schoolId: school.orgId, gradeId: grade.orgId, term: input.term, courses: input.courses };
  try {
    await commitWithAudit(tableName(DIRECTORY_TABLE), [putPlan(plan)], {
      entity: { type: 'PLAN', id: plan.planId },
      actor: actorOf(principal),
      action: 'plan.create',
      changes: [{ field: 'courses', old: null, new: plan.courses }],
    });
  } catch (error) {
    if (error instanceof TransactionConflict && error.reasons[0] === 'ConditionalCheckFailed') throw conflict('PLAN_EXISTS', '该年级本学期已有教学计划', [{ path: 'term', code: 'duplicate', message: '该年级本学期已有教学计划' }]);
    throw error;
  }
  return plan;
}

/** Sections written per transaction (with the audit entry and an Idempotency-Key marker, under 100). */
const CHUNK = 90;

/** The plan's sections, one per course and class, creating those missing; existing ones are kept as they are. */
export async function generateSections(principal: Principal, planId: string): Promise<Section[]> {
  const plan = await getPlan(planId);
  if (!plan) throw notFound('教学计划不存在');
  const grade = await orgOfKind(principal, plan.gradeId, 'grade', 'gradeId').catch(() => {
    throw notFound('教学计划不存在');
  });
  assertArranges(principal, grade);
  const courses = (await Promise.all(plan.courses.map((entry) => getCourse(entry.courseId)))).filter((course): course is Course => course !== undefined);
  const classes = (await allChildOrgs(grade.orgId)).filter((org) => org.kind === 'class');
  for (let attempt = 1; ; attempt += 1) {
    const existing = new Map((await Promise.all(classes.map((klass) => classSections(plan.schoolId, plan.term, klass.orgId)))).flat().map((section) => [section.sectionId, section]));
    const wanted = await Promise.all(classes.flatMap((klass) => courses.map((course) => sectionFor(principal, course, klass, plan.term, {}, plan.planId))));
    const missing = wanted.filter((section) => !existing.has(section.sectionId));
    try {
      for (let start = 0; start < missing.length; start += CHUNK) {
        const chunk = missing.slice(start, start + CHUNK);
        await commitWithAudit(tableName(DIRECTORY_TABLE), chunk.map(putSection), {
          entity: { type: 'PLAN', id: plan.planId },
          actor: actorOf(principal),
          action: 'plan.generateSections',
          changes: [{ field: 'sections', old: null, new: chunk.map((section) => section.sectionId) }],
        });
      }
      return wanted.map((section) => existing.get(section.sectionId) ?? section);
    } catch (error) {
      // Another request created some meanwhile: read again and create the rest.
      if (error instanceof TransactionConflict && attempt < 3) continue;
      throw error;
    }
  }
}

/** A school's teaching plans (of a term), for everyone who may read the school. */
export async function listPlans(principal: Principal, schoolId: string, term?: string): Promise<TeachingPlan[]> {
  const school = await orgOfKind(principal, schoolId, 'school', 'schoolId');
  return listPlanItems(school.orgId, term);
}
