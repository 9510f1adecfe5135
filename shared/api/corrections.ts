// Student self-service routes (校对补充): proposals, review, confirmation.
import { z } from 'zod';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery, listOf } from './common.ts';
import { StudentIdParams, StudentSchema } from './students.ts';

export const CorrectionSchema = z
  .object({
    correctionId: z.string(),
    studentId: z.string(),
    schoolId: z.string(),
    changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
    note: z.string().optional(),
    status: z.enum(['pending', 'accepted', 'rejected']),
    baseVersion: z.number().int(),
    proposedBy: z.object({ userId: z.string(), displayName: z.string() }),
    proposedAt: z.string(),
    reviewedBy: z.object({ userId: z.string(), displayName: z.string() }).optional(),
    reviewedAt: z.string().optional(),
    comment: z.string().optional(),
  })
  .meta({ id: 'Correction' });

const CorrectionParams = StudentIdParams.extend({ correctionId: z.string().regex(/^[a-z0-9]{9,32}$/, '申请编号格式不正确') });

export const proposeCorrectionRoute = defineRoute({
  operationId: 'proposeCorrection',
  method: 'POST',
  path: '/v1/students/{studentId}/corrections',
  summary: '学生提交校对/补充申请 (ordinary fields of its own record)',
  tags: ['self-service'],
  auth: true,
  params: StudentIdParams,
  body: z.object({ changes: z.record(z.string(), z.unknown()), note: z.string().trim().max(500).optional() }),
  response: CorrectionSchema,
  successStatus: 201,
  errors: [403, 404, 409],
});

export const listStudentCorrectionsRoute = defineRoute({
  operationId: 'listStudentCorrections',
  method: 'GET',
  path: '/v1/students/{studentId}/corrections',
  summary: '某学生的校对申请 (newest first)',
  tags: ['self-service'],
  auth: true,
  params: StudentIdParams,
  response: listOf(CorrectionSchema),
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
  body: z.object({ comment: z.string().trim().max(500).optional() }),
  response: z.object({ correction: CorrectionSchema, student: StudentSchema }),
  successStatus: 200,
  errors: [403, 404, 409, 412],
});

export const rejectCorrectionRoute = defineRoute({
  operationId: 'rejectCorrection',
  method: 'POST',
  path: '/v1/students/{studentId}/corrections/{correctionId}/reject',
  summary: '学籍管理员驳回校对申请 (comment required)',
  tags: ['self-service'],
  auth: true,
  params: CorrectionParams,
  body: z.object({ comment: z.string().trim().min(2, '请填写驳回原因').max(500) }),
  response: CorrectionSchema,
  successStatus: 200,
  errors: [403, 404, 409],
});

export const correctionQueueRoute = defineRoute({
  operationId: 'listCorrections',
  method: 'GET',
  path: '/v1/corrections',
  summary: '本校待处理的校对申请 (registrar queue)',
  tags: ['self-service'],
  auth: true,
  query: PageQuery.extend({ schoolId: z.string().max(64).optional(), status: z.enum(['pending', 'accepted', 'rejected']).default('pending') }),
  response: listOf(CorrectionSchema),
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
});
