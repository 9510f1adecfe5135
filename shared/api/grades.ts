// Grades (成绩), API.md "Grades": a section's grade sheet (draft, submitted and locked) and a
// student's grades.
import * as z from 'zod/mini';
import { id, isoDate } from '#shared/domain/field-schemas.ts';
import { MAKEUP_REASONS } from '#shared/domain/grades/makeup.ts';
import { isScore, MARKS, MAX_MAKEUP_RESULTS, MAX_SHEET_GRADES } from '#shared/domain/grades/sheet.ts';
import { once } from '#shared/domain/schema-once.ts';
import { isTerm } from '#shared/domain/teaching/term.ts';
import { defineRoute } from '#shared/http/contract.ts';

const term = () => z.string().check(z.trim(), z.refine(isTerm, '学期格式应为 2026-2027-1 (学年-学期)'), z.meta({ title: '学期' }));
const SectionIdParams = once(() => z.object({ sectionId: id('教学班') }));
const score = () => z.number().check(z.refine(isScore, '成绩应为 0 至 100，最多一位小数'), z.meta({ title: '成绩' }));
const mark = () => z.enum(MARKS).check(z.meta({ title: '标记', description: 'absent 缺考, exempt 免考, cheating 作弊' }));

const GradeInput = once(() =>
  z.union([z.strictObject({ studentId: id('学生'), score: score() }), z.strictObject({ studentId: id('学生'), mark: mark() })]).check(z.meta({ description: '成绩 (score) 或标记 (mark)，二者取一' })),
);

export const SheetSchema = once(() =>
  z
    .strictObject({
      sectionId: z.string(),
      status: z.enum(['draft', 'submitted']),
      version: z.int(),
      submittedAt: z.optional(z.string()),
      grades: z.array(z.strictObject({ studentId: z.string(), name: z.string(), score: z.optional(z.number()), mark: z.optional(z.enum(MARKS)), passed: z.boolean() })),
    })
    .check(z.meta({ id: 'GradeSheet' })),
);

export const saveGradesRoute = defineRoute({
  operationId: 'saveGrades',
  method: 'PUT',
  path: '/v1/sections/{sectionId}/grades',
  summary: '保存成绩 (draft; the section’s teacher only; the sheet’s grades become exactly these)',
  tags: ['grades'],
  auth: true,
  params: SectionIdParams,
  body: once(() => z.strictObject({ grades: z.array(GradeInput()).check(z.maxLength(MAX_SHEET_GRADES, `每张成绩单最多 ${MAX_SHEET_GRADES} 名学生`)) })),
  response: SheetSchema,
  successStatus: 200,
  errors: [403, 404, 409, 412, 413, 415, 422],
  requestHeaders: ['if-match-optional'],
  responseHeaders: ['etag'],
});

export const submitGradesRoute = defineRoute({
  operationId: 'submitGrades',
  method: 'POST',
  path: '/v1/sections/{sectionId}/grades/submit',
  summary: '提交成绩 (locks the sheet; every student on the roster needs a score or a mark)',
  tags: ['grades'],
  auth: true,
  params: SectionIdParams,
  response: SheetSchema,
  successStatus: 200,
  errors: [403, 404, 409, 412, 422],
});

export const getGradesRoute = defineRoute({
  operationId: 'getGrades',
  method: 'GET',
  path: '/v1/sections/{sectionId}/grades',
  summary: '成绩单 (the section’s teacher, the school’s offices, the class’s advisor)',
  tags: ['grades'],
  auth: true,
  params: SectionIdParams,
  response: SheetSchema,
  successStatus: 200,
  errors: [404],
  responseHeaders: ['etag'],
});

export const studentGradesRoute = defineRoute({
  operationId: 'getStudentGrades',
  method: 'GET',
  path: '/v1/students/{studentId}/grades',
  summary: '学生成绩 (submitted grades, of a term or all)',
  tags: ['grades'],
  auth: true,
  params: once(() => z.object({ studentId: id('学生') })),
  query: once(() => z.object({ term: z.optional(term()) })),
  response: once(() =>
    z.strictObject({
      items: z.array(
        z.strictObject({
          sectionId: z.string(),
          courseId: z.string(),
          courseName: z.string(),
          credits: z.number(),
          term: z.string(),
          score: z.optional(z.number()),
          mark: z.optional(z.enum(MARKS)),
          passed: z.boolean(),
          makeup: z.nullable(z.strictObject({ date: z.string(), room: z.optional(z.string()), score: z.optional(z.number()), mark: z.optional(z.enum(MARKS)) }).check(z.meta({ description: '补考：日期、考场，录入后有成绩或标记' }))),
        }),
      ),
    }),
  ),
  successStatus: 200,
  errors: [403, 404],
});

const MakeupStudentSchema = once(() => z.strictObject({ studentId: z.string(), name: z.string(), classId: z.string(), reason: z.enum(MAKEUP_REASONS) }));

export const listMakeupRoute = defineRoute({
  operationId: 'listMakeupExams',
  method: 'GET',
  path: '/v1/makeup-exams',
  summary: '补考名单 (per course, the term’s failed, absent and cheating students, each once; with the sitting if scheduled)',
  tags: ['grades'],
  auth: true,
  query: once(() => z.object({ schoolId: id('学校'), term: term() })),
  response: once(() =>
    z.strictObject({
      items: z.array(
        z.strictObject({
          courseId: z.string(),
          courseName: z.string(),
          students: z.array(MakeupStudentSchema()),
          sitting: z.nullable(z.strictObject({ makeupId: z.string(), date: z.string(), room: z.string() })),
        }),
      ),
    }),
  ),
  successStatus: 200,
  errors: [403, 404],
});

export const SittingSchema = once(() =>
  z
    .strictObject({
      makeupId: z.string(),
      schoolId: z.string(),
      courseId: z.string(),
      courseName: z.string(),
      term: z.string(),
      date: z.string(),
      room: z.string(),
      students: z.array(MakeupStudentSchema()),
      grades: z.array(z.strictObject({ studentId: z.string(), score: z.optional(z.number()), mark: z.optional(z.enum(MARKS)) })),
      version: z.int(),
    })
    .check(z.meta({ id: 'MakeupSitting' })),
);

export const scheduleMakeupRoute = defineRoute({
  operationId: 'scheduleMakeupExam',
  method: 'POST',
  path: '/v1/makeup-exams',
  summary: '安排补考 (one sitting per course and term; its students are the course’s make-up list)',
  tags: ['grades'],
  auth: true,
  body: once(() => z.strictObject({ courseId: id('课程'), term: term(), date: isoDate('补考日期'), room: z.string().check(z.trim(), z.minLength(1, '请填写考场'), z.maxLength(40, '考场不能超过 40 个字符'), z.meta({ title: '考场' })) })),
  response: SittingSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415, 422],
});

const MakeupIdParams = once(() => z.object({ makeupId: z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[A-Za-z0-9_-]+$/, '补考编号格式不正确')) }));

export const getMakeupRoute = defineRoute({
  operationId: 'getMakeupExam',
  method: 'GET',
  path: '/v1/makeup-exams/{makeupId}',
  summary: '补考安排及成绩',
  tags: ['grades'],
  auth: true,
  params: MakeupIdParams,
  response: SittingSchema,
  successStatus: 200,
  errors: [404],
});

export const saveMakeupGradesRoute = defineRoute({
  operationId: 'saveMakeupGrades',
  method: 'PUT',
  path: '/v1/makeup-exams/{makeupId}/grades',
  summary: '录入补考成绩 (like a sheet; each result is shown beside the original grade)',
  tags: ['grades'],
  auth: true,
  params: MakeupIdParams,
  body: once(() => z.strictObject({ grades: z.array(GradeInput()).check(z.maxLength(MAX_MAKEUP_RESULTS, `每次最多 ${MAX_MAKEUP_RESULTS} 名学生`)) })),
  response: SittingSchema,
  successStatus: 200,
  errors: [403, 404, 412, 413, 415, 422],
});

export const gradeSubmissionsRoute = defineRoute({
  operationId: 'listGradeSubmissions',
  method: 'GET',
  path: '/v1/grade-submissions',
  summary: '成绩提交情况 (a term’s sections with their sheet: none, draft with how many graded, submitted)',
  tags: ['grades'],
  auth: true,
  query: once(() => z.object({ limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50), cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))), schoolId: id('学校'), term: term(), status: z.optional(z.enum(['none', 'draft', 'submitted'])) })),
  response: once(() =>
    z.strictObject({
      items: z.array(
        z.strictObject({
          sectionId: z.string(),
          courseName: z.string(),
          classId: z.string(),
          teacherId: z.optional(z.string()),
          teacherName: z.optional(z.string()),
          status: z.enum(['none', 'draft', 'submitted']),
          graded: z.int(),
          submittedAt: z.optional(z.string()),
        }),
      ),
      nextCursor: z.nullable(z.string()),
    }),
  ),
  successStatus: 200,
  errors: [400, 403, 404],
});
