// Jobs (API.md "Jobs"): long work answers 202 with a job, which `GET /v1/jobs/{jobId}` polls;
// and the year-end batches that start one: promotion (升级) and graduation (毕业) of a school.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { JOB_KINDS, JOB_STATUSES } from '#shared/domain/jobs.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';

export const JobSchema = once(() =>
  z
    .strictObject({
      jobId: z.string(),
      kind: z.enum(JOB_KINDS).check(z.meta({ description: '任务类型：promotion 升级、graduation 毕业、export 导出、import 导入、problemScan 问题学籍检查、photoBatch 照片批量采集' })),
      status: z.enum(JOB_STATUSES).check(z.meta({ description: 'queued 排队、running 执行中、succeeded 完成、failed 失败' })),
      total: z.int().check(z.meta({ description: '要处理的条数 (开始执行后得知；完成时为实际处理的条数)' })),
      done: z.int().check(z.meta({ description: '已处理的条数' })),
      errors: z.int().check(z.meta({ description: '未能处理的条数' })),
      errorSamples: z.array(z.strictObject({ item: z.string(), message: z.string() })).check(z.meta({ description: '未能处理的条目举例 (至多 5 条)' })),
      resultUrl: z.nullable(z.string()).check(z.meta({ description: '完成后查看结果的地址 (导出：文件的下载链接，每次读取时生成，5 分钟内有效)' })),
      orgId: z.string().check(z.meta({ description: '任务所处理的机构 (学年末任务、导出：学校)' })),
      request: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
      updatedAt: z.string(),
      completedAt: z.optional(z.string()),
    })
    .check(z.meta({ id: 'Job' })),
);

const JobIdParams = once(() => z.object({ jobId: id('任务编号') }));
const SchoolIdParams = once(() => z.object({ schoolId: id('学校') }));

export const getJobRoute = defineRoute({
  operationId: 'getJob',
  method: 'GET',
  path: '/v1/jobs/{jobId}',
  summary: '任务进度 (its creator and the organisations above it)',
  tags: ['jobs'],
  auth: true,
  params: JobIdParams,
  response: JobSchema,
  successStatus: 200,
  errors: [404],
});

export const promoteSchoolRoute = defineRoute({
  operationId: 'promoteSchool',
  method: 'POST',
  path: '/v1/schools/{schoolId}/promotion',
  summary: '学年升级 (every grade with students on roll one level up, but the leaving grade; a job)',
  tags: ['jobs'],
  auth: true,
  params: SchoolIdParams,
  response: JobSchema,
  successStatus: 202,
  errors: [403, 404, 409],
  requestHeaders: ['idempotency-key'],
  responseHeaders: ['location'],
});

export const graduateGradeRoute = defineRoute({
  operationId: 'graduateGrade',
  method: 'POST',
  path: '/v1/schools/{schoolId}/graduation',
  summary: '毕业 (every record on roll in the grade becomes graduated; a job)',
  tags: ['jobs'],
  auth: true,
  params: SchoolIdParams,
  body: once(() => z.object({ gradeId: id('毕业年级') })),
  response: JobSchema,
  successStatus: 202,
  errors: [403, 404, 409, 413, 415],
  requestHeaders: ['idempotency-key'],
  responseHeaders: ['location'],
});
