// Routes of the student registry (学籍档案), API.md "Students".
import { z } from 'zod';
import { NewStudentSchema, OrdinaryFieldsSchema } from '#shared/domain/student-record.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery, listOf } from './common.ts';

const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');
export const StudentIdParams = z.object({ studentId: Id });

export const StudentSchema = NewStudentSchema.extend({
  studentId: z.string(),
  nationalStudentNo: z.string().describe('全国学籍号 (G/L/J)'),
  schoolId: z.string(),
  gradeId: z.string(),
  grade: z.string().describe('年级 (入学年份)'),
  countyId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deleted: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
  confirmed: z.boolean().describe('学生已校对确认当前版本'),
  masked: z.boolean().describe('身份证件号、电话、地址已脱敏'),
}).meta({ id: 'Student' });

export const StudentSummarySchema = z
  .object({
    studentId: z.string(),
    nationalStudentNo: z.string(),
    name: z.string(),
    gender: z.string(),
    birthDate: z.string(),
    idNumber: z.string().optional().describe('已脱敏'),
    phone: z.string().optional().describe('已脱敏'),
    schoolId: z.string(),
    gradeId: z.string(),
    classId: z.string(),
    classSeatNo: z.string().optional(),
    deleted: z.boolean(),
    confirmed: z.boolean(),
  })
  .meta({ id: 'StudentSummary' });

export const enrolRoute = defineRoute({
  operationId: 'enrolStudent',
  method: 'POST',
  path: '/v1/students',
  summary: '注册学籍 (enrol a student)',
  tags: ['students'],
  auth: true,
  body: NewStudentSchema.extend({ confirmDuplicate: z.boolean().optional().describe('确认疑似重复后仍注册') }),
  response: StudentSchema,
  successStatus: 201,
  errors: [403, 409, 422],
});

export const getStudentRoute = defineRoute({
  operationId: 'getStudent',
  method: 'GET',
  path: '/v1/students/{studentId}',
  summary: '学籍档案 (one record; ETag = version)',
  tags: ['students'],
  auth: true,
  params: StudentIdParams,
  response: StudentSchema,
  successStatus: 200,
  errors: [404],
});

export const updateStudentRoute = defineRoute({
  operationId: 'updateStudent',
  method: 'PATCH',
  path: '/v1/students/{studentId}',
  summary: '修改普通字段 (If-Match required; key fields need a key-field change)',
  tags: ['students'],
  auth: true,
  params: StudentIdParams,
  body: z.looseObject(OrdinaryFieldsSchema.partial().shape),
  response: StudentSchema,
  successStatus: 200,
  errors: [403, 404, 409, 412, 428],
});

export const deleteStudentRoute = defineRoute({
  operationId: 'deleteStudent',
  method: 'DELETE',
  path: '/v1/students/{studentId}',
  summary: '删除学籍 (soft; stays visible to school and county)',
  tags: ['students'],
  auth: true,
  params: StudentIdParams,
  body: z.object({ reason: z.string().trim().min(2, '请填写删除原因').max(200) }),
  response: StudentSchema,
  successStatus: 200,
  errors: [403, 404, 409, 412],
});

export const listStudentsRoute = defineRoute({
  operationId: 'listStudents',
  method: 'GET',
  path: '/v1/students',
  summary: '学生名单与检索 (roster, school list; q = name prefix, full ID number or national student number)',
  tags: ['students'],
  auth: true,
  query: PageQuery.extend({
    schoolId: Id.optional(),
    classId: Id.optional(),
    countyId: Id.optional(),
    grade: Id.optional().describe('年级: 入学年份 (2026) 或年级编号 (gradeId)'),
    q: z.string().trim().min(1).max(50).optional(),
    includeDeleted: z.enum(['true', 'false']).optional(),
  }),
  response: listOf(StudentSummarySchema),
  successStatus: 200,
  errors: [403],
});

export const HistoryEntrySchema = z
  .object({
    at: z.string(),
    actor: z.object({ userId: z.string(), displayName: z.string(), role: z.string() }),
    action: z.string(),
    changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
    reason: z.string().optional(),
  })
  .meta({ id: 'HistoryEntry' });

export const studentHistoryRoute = defineRoute({
  operationId: 'getStudentHistory',
  method: 'GET',
  path: '/v1/students/{studentId}/history',
  summary: '变更历史 (newest first)',
  tags: ['students'],
  auth: true,
  params: StudentIdParams,
  query: PageQuery,
  response: listOf(HistoryEntrySchema),
  successStatus: 200,
  errors: [403, 404],
});
