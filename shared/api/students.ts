// Routes of the student registry (学籍档案), API.md "Students". Outputs have their own schemas:
// a masked view shows ID numbers, phones and addresses with stars, so those are plain strings.
import * as z from 'zod/mini';
import { RECORD_STATUSES } from '#shared/domain/changes/kinds.ts';
import { id } from '#shared/domain/field-schemas.ts';
import { GuardianSchema, NewStudentSchema, OrdinaryFieldsSchema } from '#shared/domain/student-record.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery, listOf } from './common.ts';

export const StudentIdParams = once(() => z.object({ studentId: id('学生编号') }));

/** A value shown in full to the offices that keep records and the student, masked for others. */
const maskable = (title: string) => z.string().check(z.meta({ title, description: '无权查看完整信息时脱敏显示 (masked = true)' }));

const GuardianView = () =>
  z.strictObject({
    ...GuardianSchema().shape,
    idNumber: z.optional(maskable('身份证件号')),
    phone: z.optional(maskable('联系电话')),
    address: z.optional(maskable('现住址')),
  });

export const StudentSchema = once(() =>
  z.strictObject({
    ...NewStudentSchema().shape,
    idNumber: z.optional(maskable('身份证件号')),
    phone: maskable('联系电话'),
    currentAddress: maskable('现住址'),
    mailingAddress: maskable('通信地址'),
    homeAddress: maskable('家庭地址'),
    guardians: z.array(GuardianView()),
    extra: z.record(z.string(), z.unknown()),
    studentId: z.string(),
    nationalStudentNo: maskable('全国学籍号 (G/L/J；G 号含身份证件号，随之脱敏)'),
    schoolStudentNo: z.optional(z.string().check(z.meta({ description: '学号：学校按其学号编排规则在注册时给出 (无规则时无此字段)' }))),
    schoolId: z.string(),
    gradeId: z.string(),
    grade: z.string().check(z.meta({ description: '年级 (入学年份)' })),
    countyId: z.string(),
    version: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deleted: z.optional(z.strictObject({ at: z.string(), by: z.string(), reason: z.string() })),
    status: z.enum(RECORD_STATUSES).check(z.meta({ description: '学籍状态：在籍、休学、毕业、辍学、出境、死亡、退学' })),
    confirmed: z.boolean().check(z.meta({ description: '学生已校对确认当前版本' })),
    confirmedAt: z.optional(z.string().check(z.meta({ description: '确认当前版本的时间 (未确认时无此字段)' }))),
    masked: z.boolean().check(z.meta({ description: '身份证件号、电话、地址已脱敏' })),
  }).check(z.meta({ id: 'Student' })),
);

export const StudentSummarySchema = once(() =>
  z.strictObject({
    studentId: z.string(),
    nationalStudentNo: maskable('全国学籍号'),
    name: z.string(),
    gender: z.string(),
    birthDate: z.string(),
    idNumber: z.optional(maskable('身份证件号')),
    phone: z.optional(maskable('联系电话')),
    schoolId: z.string(),
    gradeId: z.string(),
    classId: z.string(),
    classSeatNo: z.optional(z.string()),
    deleted: z.boolean(),
    status: z.enum(RECORD_STATUSES),
    confirmed: z.boolean(),
  }).check(z.meta({ id: 'StudentSummary', description: '名单中的一行: 身份证件号、全国学籍号和电话总是脱敏' })),
);

export const enrolRoute = defineRoute({
  operationId: 'enrolStudent',
  method: 'POST',
  path: '/v1/students',
  summary: '注册学籍 (enrol a student)',
  tags: ['students'],
  auth: true,
  body: once(() => z.extend(NewStudentSchema(), { confirmDuplicate: z.optional(z.boolean().check(z.meta({ description: '确认疑似重复后仍注册' }))) })),
  response: StudentSchema,
  successStatus: 201,
  errors: [403, 409, 413, 415, 422],
  requestHeaders: ['idempotency-key'],
  responseHeaders: ['etag', 'location'],
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
  responseHeaders: ['etag'],
});

export const updateStudentRoute = defineRoute({
  operationId: 'updateStudent',
  method: 'PATCH',
  path: '/v1/students/{studentId}',
  summary: '修改普通字段 (If-Match required; key fields need a key-field change)',
  tags: ['students'],
  auth: true,
  params: StudentIdParams,
  body: once(() => z.looseObject(z.partial(OrdinaryFieldsSchema()).shape)),
  response: StudentSchema,
  successStatus: 200,
  errors: [403, 404, 409, 412, 413, 415, 428],
  requestHeaders: ['if-match'],
  responseHeaders: ['etag'],
});

export const deleteStudentRoute = defineRoute({
  operationId: 'deleteStudent',
  method: 'DELETE',
  path: '/v1/students/{studentId}',
  summary: '删除学籍 (soft; stays visible to school and county)',
  tags: ['students'],
  auth: true,
  params: StudentIdParams,
  body: once(() => z.object({ reason: z.string().check(z.trim(), z.minLength(2, '请填写删除原因'), z.maxLength(200)) })),
  response: StudentSchema,
  successStatus: 200,
  errors: [403, 404, 409, 412, 413, 415],
  requestHeaders: ['if-match-optional'],
  responseHeaders: ['etag'],
});

/** Record statuses, comma-separated: `enrolled,leave` (the default), `graduated`, … */
const statusList = () => {
  const one = `(?:${RECORD_STATUSES.join('|')})`;
  return z.string().check(
    z.regex(new RegExp(`^${one}(?:,${one})*$`), `学籍状态应为 ${RECORD_STATUSES.join('、')} 中的一个或多个，以逗号分隔`),
    z.meta({ title: '学籍状态', description: '以逗号分隔，默认 enrolled,leave (在籍、休学)；按完整身份证件号或全国学籍号查询时不指定则不限', example: 'graduated' }),
  );
};

export const listStudentsRoute = defineRoute({
  operationId: 'listStudents',
  method: 'GET',
  path: '/v1/students',
  summary: '学生名单与检索 (roster, school list; q = name prefix, full ID number or national student number)',
  tags: ['students'],
  auth: true,
  query: once(() => z.extend(PageQuery(), {
    schoolId: z.optional(id('学校')),
    classId: z.optional(id('班级')),
    countyId: z.optional(id('区县')),
    grade: z.optional(id('年级').check(z.meta({ description: '入学年份 (2026) 或年级编号 (gradeId)' }))),
    q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
    status: z.optional(statusList()),
    includeDeleted: z.optional(z.enum(['true', 'false'])),
  })),
  response: once(() => listOf(StudentSummarySchema())),
  successStatus: 200,
  errors: [403],
});

const HistoryEntrySchema = () =>
  z
    .strictObject({
      at: z.string(),
      actor: z.strictObject({ userId: z.string(), displayName: z.string(), role: z.string() }),
      action: z.string(),
      changes: z.array(z.strictObject({ field: z.string(), old: z.unknown(), new: z.unknown() })),
      reason: z.optional(z.string()),
      changeId: z.optional(z.string().check(z.meta({ description: '引起此变更的学籍异动申请' }))),
    })
    .check(z.meta({ id: 'HistoryEntry' }));

export const studentHistoryRoute = defineRoute({
  operationId: 'getStudentHistory',
  method: 'GET',
  path: '/v1/students/{studentId}/history',
  summary: '变更历史 (newest first)',
  tags: ['students'],
  auth: true,
  params: StudentIdParams,
  query: PageQuery,
  response: once(() => listOf(HistoryEntrySchema())),
  successStatus: 200,
  errors: [403, 404],
});
