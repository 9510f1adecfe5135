// Student self-service routes (校对补充): proposals, review, confirmation.
import * as z from 'zod/mini';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery, listOf } from './common.ts';
import { StudentIdParams, StudentSchema } from './students.ts';

const Person = () => z.strictObject({ userId: z.string(), displayName: z.string() });

export const CorrectionSchema = once(() =>
  z.strictObject({
    correctionId: z.string(),
    studentId: z.string(),
    schoolId: z.string(),
    changes: z.array(z.strictObject({ field: z.string(), old: z.unknown(), new: z.unknown() })),
    note: z.optional(z.string()),
    status: z.enum(['pending', 'accepted', 'rejected']),
    baseVersion: z.int().check(z.meta({ description: '提出申请时记录的版本' })),
    proposedBy: Person(),
    proposedAt: z.string(),
    reviewedBy: z.optional(Person()),
    reviewedAt: z.optional(z.string()),
    comment: z.optional(z.string()),
  }).check(z.meta({ id: 'Correction' })),
);

const CorrectionParams = once(() => z.extend(StudentIdParams(), { correctionId: z.string().check(z.regex(/^[a-z0-9]{9,32}$/, '申请编号格式不正确')) }));
const comment = () => z.string().check(z.trim(), z.maxLength(500));

export const proposeCorrectionRoute = defineRoute({
  operationId: 'proposeCorrection',
  method: 'POST',
  path: '/v1/students/{studentId}/corrections',
  summary: '学生提交校对/补充申请 (ordinary fields of its own record)',
  tags: ['self-service'],
  auth: true,
  params: StudentIdParams,
  body: once(() => z.object({ changes: z.record(z.string(), z.unknown()), note: z.optional(comment()) })),
  response: CorrectionSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415],
  requestHeaders: ['idempotency-key'],
});

export const listStudentCorrectionsRoute = defineRoute({
  operationId: 'listStudentCorrections',
  method: 'GET',
  path: '/v1/students/{studentId}/corrections',
  summary: '某学生的校对申请 (newest first)',
  tags: ['self-service'],
  auth: true,
  params: StudentIdParams,
  query: PageQuery,
  response: once(() => listOf(CorrectionSchema())),
  successStatus: 200,
  errors: [403, 404],
});

export const acceptCorrectionRoute = defineRoute({
  operationId: 'acceptCorrection',
  method: 'POST',
  path: '/v1/students/{studentId}/corrections/{correctionId}/accept',
  summary: '学籍管理员采纳校对申请 (changes the record)',
  tags: ['self-service'],
  auth: true,
  params: CorrectionParams,
  body: once(() => z.object({ comment: z.optional(comment()) })),
  response: once(() => z.strictObject({ correction: CorrectionSchema(), student: StudentSchema() })),
  successStatus: 200,
  errors: [403, 404, 409, 412, 413, 415],
  responseHeaders: ['etag'],
});

export const rejectCorrectionRoute = defineRoute({
  operationId: 'rejectCorrection',
  method: 'POST',
  path: '/v1/students/{studentId}/corrections/{correctionId}/reject',
  summary: '学籍管理员驳回校对申请 (comment required)',
  tags: ['self-service'],
  auth: true,
  params: CorrectionParams,
  body: once(() => z.object({ comment: z.string().check(z.trim(), z.minLength(2, '请填写驳回原因'), z.maxLength(500)) })),
  response: CorrectionSchema,
  successStatus: 200,
  errors: [403, 404, 409, 413, 415],
});

export const correctionQueueRoute = defineRoute({
  operationId: 'listCorrections',
  method: 'GET',
  path: '/v1/corrections',
  summary: '本校待处理的校对申请 (registrar queue, oldest first)',
  tags: ['self-service'],
  auth: true,
  query: once(() =>
    z.extend(PageQuery(), {
      schoolId: z.optional(z.string().check(z.maxLength(64))),
      status: z._default(z.enum(['pending', 'accepted', 'rejected']), 'pending'),
    }),
  ),
  response: once(() => z.extend(listOf(CorrectionSchema()), { total: z.int().check(z.meta({ description: '该状态的申请总数 (首页的待办计数)' })) })),
  successStatus: 200,
  errors: [403],
});

export const confirmRecordRoute = defineRoute({
  operationId: 'confirmRecord',
  method: 'POST',
  path: '/v1/students/{studentId}/confirm',
  summary: '学生确认本人学籍信息无误 (If-Match: the version confirmed)',
  tags: ['self-service'],
  auth: true,
  params: StudentIdParams,
  response: StudentSchema,
  successStatus: 200,
  errors: [403, 404, 412, 428],
  requestHeaders: ['if-match'],
  responseHeaders: ['etag'],
});
