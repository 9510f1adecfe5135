// Photo batches (API.md "Photos"): a zip of a class's, grade's or school's photos, uploaded straight
// to the bucket; a job matches each file to a student and takes its photo through the single
// upload's check; the batch's view reports each file.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { FILE_STATUSES, MAX_BATCH_ZIP_BYTES } from '#shared/domain/photos/batch.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery } from './common.ts';
import { JobSchema } from './jobs.ts';

const BatchIdParams = once(() => z.object({ batchId: id('照片批次') }));

export const PhotoBatchSchema = once(() =>
  z
    .strictObject({
      batchId: z.string(),
      orgId: z.string().check(z.meta({ description: '照片所属的班级、年级或学校：只处理其中的学生' })),
      orgKind: z.enum(['school', 'grade', 'class']),
      orgName: z.string(),
      size: z.int().check(z.meta({ description: '压缩包大小 (字节)' })),
      createdBy: z.strictObject({ userId: z.string(), displayName: z.string() }),
      createdAt: z.string(),
      jobId: z.optional(z.string().check(z.meta({ description: '处理该批照片的任务 (开始后)' }))),
    })
    .check(z.meta({ id: 'PhotoBatch' })),
);

export const createPhotoBatchRoute = defineRoute({
  operationId: 'createPhotoBatch',
  method: 'POST',
  path: '/v1/photo-batches',
  summary: '批量采集照片 (a zip foldered by grade and class, files named by ID number or 学校标识码_班号_姓名; answers a presigned POST valid 15 minutes); the school registrar',
  tags: ['photos'],
  auth: true,
  body: once(() =>
    z.strictObject({
      orgId: id('班级、年级或学校'),
      size: z.int().check(
        z.gte(1, '文件是空的'),
        z.lte(MAX_BATCH_ZIP_BYTES, `压缩包不能超过 ${MAX_BATCH_ZIP_BYTES / 1024 / 1024} MB，请按年级或班级分开上传`),
        z.meta({ title: '压缩包大小 (字节)', description: '上传的文件必须正好这么大' }),
      ),
    }),
  ),
  response: once(() => z.strictObject({ ...PhotoBatchSchema().shape, upload: z.strictObject({ url: z.string(), fields: z.record(z.string(), z.string()) }) })),
  successStatus: 201,
  errors: [403, 404, 413, 415],
  requestHeaders: ['idempotency-key'],
});

export const startPhotoBatchRoute = defineRoute({
  operationId: 'startPhotoBatch',
  method: 'POST',
  path: '/v1/photo-batches/{batchId}/start',
  summary: '开始处理照片批次 (once the zip has landed; a job, once per batch; GET /v1/photo-batches/{batchId} reports each file)',
  tags: ['photos'],
  auth: true,
  params: BatchIdParams,
  response: JobSchema,
  successStatus: 202,
  errors: [404, 409],
  requestHeaders: ['idempotency-key'],
  responseHeaders: ['location'],
});

export const PhotoBatchFileSchema = once(() =>
  z.strictObject({
    entry: z.int().check(z.meta({ description: '在压缩包目录中的序号' })),
    file: z.string().check(z.meta({ description: '压缩包中的路径' })),
    studentId: z.nullable(z.string().check(z.meta({ description: '匹配到的学生 (未匹配或不在本批次范围内为 null)' }))),
    status: z.enum(FILE_STATUSES).check(z.meta({ description: 'accepted 通过 (成为学生照片)；rejected 未通过照片核验；refused 拒收 (不安全、非 JPEG、压缩炸弹、不在本批次范围内：未作任何处理)；unmatched 未匹配到学生' })),
    reason: z.nullable(z.string()),
  }),
);

export const getPhotoBatchRoute = defineRoute({
  operationId: 'getPhotoBatch',
  method: 'GET',
  path: '/v1/photo-batches/{batchId}',
  summary: '照片批次: its job, the files counted by status and a page of the per-file report (in the zip’s order)',
  tags: ['photos'],
  auth: true,
  params: BatchIdParams,
  query: PageQuery,
  response: once(() =>
    z
      .strictObject({
        ...PhotoBatchSchema().shape,
        job: z.nullable(JobSchema()),
        counts: z.strictObject({ accepted: z.int(), rejected: z.int(), refused: z.int(), unmatched: z.int() }).check(z.meta({ description: '已处理的文件按结果计数' })),
        files: z.array(PhotoBatchFileSchema()),
        nextCursor: z.nullable(z.string()),
      })
      .check(z.meta({ id: 'PhotoBatchView' })),
  ),
  successStatus: 200,
  errors: [404],
});
