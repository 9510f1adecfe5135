// Teaching (教学), API.md "Grades": courses, teaching plans and the sections generated from them,
// arranged with teacher, room and time slots without double bookings.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { once } from '#shared/domain/schema-once.ts';
import { ASSESSMENTS } from '#shared/domain/teaching/course.ts';
import { MAX_SLOTS } from '#shared/domain/teaching/schedule.ts';
import { isTerm } from '#shared/domain/teaching/term.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery, listOf } from './common.ts';

const term = () => z.string().check(z.trim(), z.refine(isTerm, '学期格式应为 2026-2027-1 (学年-学期)'), z.meta({ title: '学期', description: '学年和学期，如 2026-2027-1 为 2026-2027 学年第一学期' }));
const name = (label: string) => z.string().check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(60, `${label}不能超过 60 个字符`), z.meta({ title: label }));
const courseCode = () => z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{1,16}$/, '课程代码为 1 至 16 位字母或数字'), z.meta({ title: '课程代码' }));

export const CourseSchema = once(() =>
  z
    .strictObject({
      courseId: z.string(),
      schoolId: z.string(),
      code: z.string(),
      name: z.string(),
      credits: z.number(),
      hours: z.int(),
      assessment: z.enum(ASSESSMENTS),
    })
    .check(z.meta({ id: 'Course' })),
);

export const createCourseRoute = defineRoute({
  operationId: 'createCourse',
  method: 'POST',
  path: '/v1/courses',
  summary: '新增课程',
  tags: ['teaching'],
  auth: true,
  body: once(() =>
    z.strictObject({
      schoolId: id('学校'),
      code: courseCode(),
      name: name('课程名称'),
      credits: z.number().check(z.gte(0, '学分不能为负'), z.lte(30, '学分不能超过 30'), z.multipleOf(0.5, '学分以 0.5 为单位'), z.meta({ title: '学分' })),
      hours: z.int().check(z.gte(1, '学时至少为 1'), z.lte(1000, '学时不能超过 1000'), z.meta({ title: '学时' })),
      assessment: z.enum(ASSESSMENTS).check(z.meta({ title: '考核方式', description: 'exam 考试, check 考查' })),
    }),
  ),
  response: CourseSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415, 422],
  requestHeaders: ['idempotency-key'],
});

export const listCoursesRoute = defineRoute({
  operationId: 'listCourses',
  method: 'GET',
  path: '/v1/courses',
  summary: '本校课程 (by code)',
  tags: ['teaching'],
  auth: true,
  query: once(() => z.object({ ...PageQuery().shape, schoolId: id('学校') })),
  response: once(() => listOf(CourseSchema())),
  successStatus: 200,
  errors: [403, 404],
});

export const PlanSchema = once(() =>
  z
    .strictObject({
      planId: z.string(),
      schoolId: z.string(),
      gradeId: z.string(),
      term: z.string(),
      courses: z.array(z.strictObject({ courseId: z.string(), hoursPerWeek: z.number() })),
    })
    .check(z.meta({ id: 'TeachingPlan' })),
);

export const createPlanRoute = defineRoute({
  operationId: 'createTeachingPlan',
  method: 'POST',
  path: '/v1/teaching-plans',
  summary: '新增教学计划 (one per grade and term)',
  tags: ['teaching'],
  auth: true,
  body: once(() =>
    z.strictObject({
      schoolId: id('学校'),
      gradeId: id('年级'),
      term: term(),
      courses: z
        .array(z.strictObject({ courseId: id('课程'), hoursPerWeek: z.number().check(z.gt(0, '周学时须大于 0'), z.lte(40, '周学时不能超过 40'), z.meta({ title: '周学时' })) }))
        .check(z.minLength(1, '教学计划至少包含一门课程'), z.maxLength(40, '教学计划最多 40 门课程')),
    }),
  ),
  response: PlanSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415, 422],
  requestHeaders: ['idempotency-key'],
});

export const listPlansRoute = defineRoute({
  operationId: 'listTeachingPlans',
  method: 'GET',
  path: '/v1/teaching-plans',
  summary: '本校教学计划 (of a term, or all; by term and grade)',
  tags: ['teaching'],
  auth: true,
  query: once(() => z.object({ schoolId: id('学校'), term: z.optional(term()) })),
  response: once(() => z.strictObject({ items: z.array(PlanSchema()) })),
  successStatus: 200,
  errors: [400, 403, 404],
});

const SlotSchema = once(() =>
  z.strictObject({
    day: z.int().check(z.gte(1, '星期应为 1 至 7'), z.lte(7, '星期应为 1 至 7'), z.meta({ title: '星期', description: '1 星期一 … 7 星期日' })),
    period: z.int().check(z.gte(1, '节次应为 1 至 12'), z.lte(12, '节次应为 1 至 12'), z.meta({ title: '节次' })),
  }),
);
const slots = () => z.array(SlotSchema()).check(z.maxLength(MAX_SLOTS, `每个教学班每周最多 ${MAX_SLOTS} 节`), z.meta({ title: '上课时间' }));
const teacherId = () => z.string().check(z.minLength(1), z.maxLength(200), z.meta({ title: '任课教师', description: '本校教师账号的 userId' }));
const room = () => z.string().check(z.trim(), z.minLength(1, '请填写教室'), z.maxLength(40, '教室不能超过 40 个字符'), z.meta({ title: '教室' }));

export const SectionSchema = once(() =>
  z
    .strictObject({
      sectionId: z.string(),
      schoolId: z.string(),
      courseId: z.string(),
      courseName: z.string(),
      credits: z.number(),
      term: z.string(),
      classId: z.string(),
      teacherId: z.optional(z.string()),
      teacherName: z.optional(z.string()),
      room: z.optional(z.string()),
      slots: z.array(z.strictObject({ day: z.int(), period: z.int() })),
      planId: z.optional(z.string()),
      version: z.int(),
    })
    .check(z.meta({ id: 'Section' })),
);

export const generateSectionsRoute = defineRoute({
  operationId: 'generateSections',
  method: 'POST',
  path: '/v1/teaching-plans/{planId}/sections',
  summary: '按教学计划生成教学班 (one per course and class of the grade; existing ones kept)',
  tags: ['teaching'],
  auth: true,
  params: once(() => z.object({ planId: id('教学计划') })),
  response: once(() => z.strictObject({ items: z.array(SectionSchema()) })),
  successStatus: 201,
  errors: [403, 404],
});

export const createSectionRoute = defineRoute({
  operationId: 'createSection',
  method: 'POST',
  path: '/v1/sections',
  summary: '新增教学班 (a teacher, room or class booked twice in a term, day and period: 409 SCHEDULE_CONFLICT)',
  tags: ['teaching'],
  auth: true,
  body: once(() => z.strictObject({ courseId: id('课程'), term: term(), classId: id('班级'), teacherId: z.optional(teacherId()), room: z.optional(room()), slots: z.optional(slots()) })),
  response: SectionSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415, 422],
  requestHeaders: ['idempotency-key'],
  responseHeaders: ['etag'],
});

const SectionIdParams = once(() => z.object({ sectionId: id('教学班') }));

export const arrangeSectionRoute = defineRoute({
  operationId: 'arrangeSection',
  method: 'PATCH',
  path: '/v1/sections/{sectionId}',
  summary: '排课：修改任课教师、教室、上课时间 (If-Match; null clears a field)',
  tags: ['teaching'],
  auth: true,
  params: SectionIdParams,
  body: once(() => z.strictObject({ teacherId: z.optional(z.nullable(teacherId())), room: z.optional(z.nullable(room())), slots: z.optional(slots()) })),
  response: SectionSchema,
  successStatus: 200,
  errors: [403, 404, 409, 412, 413, 415, 422, 428],
  requestHeaders: ['if-match'],
  responseHeaders: ['etag'],
});

export const listSectionsRoute = defineRoute({
  operationId: 'listSections',
  method: 'GET',
  path: '/v1/sections',
  summary: '教学班 (a school’s or a class’s in a term; a teacher sees those it teaches and its classes’)',
  tags: ['teaching'],
  auth: true,
  query: once(() => z.object({ ...PageQuery().shape, term: term(), schoolId: z.optional(id('学校')), classId: z.optional(id('班级')), teacherId: z.optional(teacherId()) })),
  response: once(() => listOf(SectionSchema())),
  successStatus: 200,
  errors: [400, 403, 404],
});

export const getSectionRoute = defineRoute({
  operationId: 'getSection',
  method: 'GET',
  path: '/v1/sections/{sectionId}',
  summary: '教学班及其名单 (the class’s students on roll; not shown to students)',
  tags: ['teaching'],
  auth: true,
  params: SectionIdParams,
  response: once(() =>
    z.strictObject({
      ...SectionSchema().shape,
      roster: z.optional(z.array(z.strictObject({ studentId: z.string(), name: z.string(), gender: z.string(), classSeatNo: z.optional(z.string()) }))),
    }),
  ),
  successStatus: 200,
  errors: [404],
  responseHeaders: ['etag'],
});
