// Grades (成绩), API.md "Grades": a section's grade sheet (draft, submitted and locked) and a
// student's grades.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { isScore, MARKS, MAX_SHEET_GRADES } from '#shared/domain/grades/sheet.ts';
import { once } from '#shared/domain/schema-once.ts';
import { isTerm } from '#shared/domain/teaching/term.ts';
import { defineRoute } from '#shared/http/contract.ts';

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
});

export const studentGradesRoute = defineRoute({
  operationId: 'getStudentGrades',
  method: 'GET',
  path: '/v1/students/{studentId}/grades',
  summary: '学生成绩 (submitted grades, of a term or all)',
  tags: ['grades'],
  auth: true,
  params: once(() => z.object({ studentId: id('学生') })),
  query: once(() => z.object({ term: z.optional(z.string().check(z.refine(isTerm, '学期格式应为 2026-2027-1 (学年-学期)'))) })),
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
          makeup: z.nullable(z.strictObject({ score: z.optional(z.number()), mark: z.optional(z.enum(MARKS)), date: z.string() })),
        }),
      ),
    }),
  ),
  successStatus: 200,
  errors: [403, 404],
});
