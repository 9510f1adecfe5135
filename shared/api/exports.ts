// Exports (API.md "Exports, statistics and schedules"): a file made from the records by a job.
// `POST /v1/exports` answers 202 with the job; `GET /v1/jobs/{jobId}` then says how it goes and,
// once it succeeded, gives a download link valid five minutes (made at each read).
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { KIND_FORMATS, type ExportKind } from '#shared/domain/exports/kinds.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { JobSchema } from './jobs.ts';

const format = (kind: ExportKind) => z.enum(KIND_FORMATS[kind]).check(z.meta({ title: '文件格式', description: KIND_FORMATS[kind].join('、') }));
const orgId = () => z.optional(id('机构').check(z.meta({ description: '可选：导出内容所属的机构 (学校、年级或班级)，须包含所导出的内容' })));

export const NewExportSchema = once(() =>
  z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('gradeSheet').check(z.meta({ description: '登分表' })), sectionId: id('教学班'), format: format('gradeSheet'), orgId: orgId() }),
      z.strictObject({ kind: z.literal('transcript').check(z.meta({ description: '学生成绩单' })), studentId: id('学生'), format: format('transcript'), orgId: orgId() }),
    ])
    .check(z.meta({ id: 'NewExport', description: '导出：gradeSheet 登分表 (sectionId)、transcript 成绩单 (studentId)；字段随 kind 不同' })),
);

export const createExportRoute = defineRoute({
  operationId: 'createExport',
  method: 'POST',
  path: '/v1/exports',
  summary: '导出文件 (a job; its resultUrl, once it succeeded, downloads the file)',
  tags: ['exports'],
  auth: true,
  body: NewExportSchema,
  response: JobSchema,
  successStatus: 202,
  errors: [403, 404, 413, 415, 422],
  requestHeaders: ['idempotency-key'],
  responseHeaders: ['location'],
});
