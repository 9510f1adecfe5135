// Imports (API.md "Imports and data quality"): a school's spreadsheet of new students, uploaded
// straight to the bucket, checked (a dry run writes nothing) and written by a job; its report says
// what was wrong with each row. And the school's numbering scheme (学号编排) the writes apply.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { IMPORT_FORMATS, MAX_IMPORT_BYTES } from '#shared/domain/imports/import.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { listOf, PageQuery } from './common.ts';
import { JobSchema } from './jobs.ts';

const ImportIdParams = once(() => z.object({ importId: id('导入') }));
const SchoolIdParams = once(() => z.object({ schoolId: id('学校') }));

export const importTemplateRoute = defineRoute({
  operationId: 'getImportTemplate',
  method: 'GET',
  path: '/v1/imports/template',
  summary: '学生信息导入模板 (XLSX: 国家采集表的列、代码表下拉、示例行、填写说明)',
  tags: ['imports'],
  auth: true,
  response: once(() => z.strictObject({ fileName: z.string(), content: z.instanceof(Uint8Array) })),
  file: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  successStatus: 200,
  errors: [403],
});

export const ImportSchema = once(() =>
  z
    .strictObject({
      importId: z.string(),
      schoolId: z.string(),
      fileName: z.string(),
      format: z.enum(IMPORT_FORMATS),
      size: z.int(),
      createdBy: z.strictObject({ userId: z.string(), displayName: z.string() }),
      createdAt: z.string(),
      jobId: z.optional(z.string().check(z.meta({ description: '最近一次检查或导入的任务' }))),
      runJobId: z.optional(z.string().check(z.meta({ description: '正式导入的任务 (每个文件只能正式导入一次)' }))),
    })
    .check(z.meta({ id: 'Import' })),
);

export const createImportRoute = defineRoute({
  operationId: 'createImport',
  method: 'POST',
  path: '/v1/imports',
  summary: '上传导入文件 (answers a presigned POST to upload the file straight to storage within 15 minutes)',
  tags: ['imports'],
  auth: true,
  body: once(() =>
    z.strictObject({
      schoolId: id('学校'),
      fileName: z.string().check(z.trim(), z.minLength(1, '请填写文件名'), z.maxLength(200, '文件名不能超过 200 个字符'), z.meta({ title: '文件名' })),
      format: z.enum(IMPORT_FORMATS).check(z.meta({ title: '文件格式', description: 'xlsx 或 csv (UTF-8 或 GBK)' })),
      size: z.int().check(z.gte(1, '文件是空的'), z.lte(MAX_IMPORT_BYTES, `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`), z.meta({ title: '文件大小 (字节)' })),
    }),
  ),
  response: once(() => z.strictObject({ ...ImportSchema().shape, upload: z.strictObject({ url: z.string(), fields: z.record(z.string(), z.string()) }) })),
  successStatus: 201,
  errors: [403, 404, 413, 415, 422],
  requestHeaders: ['idempotency-key'],
});

export const startImportRoute = defineRoute({
  operationId: 'startImport',
  method: 'POST',
  path: '/v1/imports/{importId}/start',
  summary: '检查或导入 (dryRun: 只检查、不写入；a job, GET /v1/imports/{importId} shows its rows)',
  tags: ['imports'],
  auth: true,
  params: ImportIdParams,
  body: once(() =>
    z.strictObject({
      dryRun: z.boolean().check(z.meta({ title: '只检查', description: 'true：逐行检查，不写入任何数据' })),
      mapping: z.optional(
        z.record(z.string().check(z.maxLength(100)), z.string().check(z.maxLength(100))).check(z.meta({ title: '列对应关系', description: '{"文件中的表头": "字段名"}，优先于内置的表头名称；字段名为空表示不读该列' })),
      ),
    }),
  ),
  response: JobSchema,
  successStatus: 202,
  errors: [403, 404, 409, 413, 415],
  requestHeaders: ['idempotency-key'],
  responseHeaders: ['location'],
});

export const RowErrorSchema = once(() =>
  z.strictObject({
    row: z.int().check(z.meta({ description: '电子表格中的行号 (表头为第 1 行)' })),
    column: z.string().check(z.meta({ description: '文件中的表头；整行的问题为空' })),
    code: z.string(),
    message: z.string(),
  }),
);

export const getImportRoute = defineRoute({
  operationId: 'getImport',
  method: 'GET',
  path: '/v1/imports/{importId}',
  summary: '导入进度与结果 (the latest job, rows created and skipped, row errors, the report)',
  tags: ['imports'],
  auth: true,
  params: ImportIdParams,
  response: once(() =>
    z
      .strictObject({
        ...ImportSchema().shape,
        job: z.nullable(JobSchema()),
        dryRun: z.nullable(z.boolean()),
        rowsRead: z.int().check(z.meta({ description: '检查中：已读的行数' })),
        created: z.int().check(z.meta({ description: '已新建的学籍' })),
        skipped: z.int().check(z.meta({ description: '已有学籍而跳过的行' })),
        failed: z.int().check(z.meta({ description: '因错误未导入的行' })),
        ready: z.int().check(z.meta({ description: '检查通过的行 (试运行：将会导入的行)' })),
        rowErrors: z.array(RowErrorSchema()).check(z.meta({ description: '逐行逐列的问题 (至多 500 条，全部见报告)' })),
        rowErrorCount: z.int(),
        reportUrl: z.nullable(z.string().check(z.meta({ description: '报告 (原文件各行加“错误”列) 的下载链接，5 分钟内有效' }))),
      })
      .check(z.meta({ id: 'ImportView' })),
  ),
  successStatus: 200,
  errors: [403, 404],
});

export const listImportsRoute = defineRoute({
  operationId: 'listImports',
  method: 'GET',
  path: '/v1/imports',
  summary: '本校的导入 (newest first)',
  tags: ['imports'],
  auth: true,
  query: once(() => z.object({ ...PageQuery().shape, schoolId: id('学校') })),
  response: once(() => listOf(ImportSchema())),
  successStatus: 200,
  errors: [403, 404],
});

export const NumberingSchema = once(() =>
  z.strictObject({
    pattern: z.string().check(z.trim(), z.minLength(1), z.maxLength(60), z.meta({ title: '学号规则', description: '如 {year}{site}{major}{seq:4}：入学年份、校区代码、专业代码、4 位序号；另有 {yy} 两位年份' })),
    site: z.optional(z.string().check(z.regex(/^[A-Za-z0-9]{1,6}$/, '校区代码为 1 至 6 位字母或数字'), z.meta({ title: '校区代码' }))),
    majors: z.optional(
      z.record(z.string().check(z.maxLength(60)), z.string().check(z.regex(/^[A-Za-z0-9]{1,6}$/, '专业代码为 1 至 6 位字母或数字'))).check(z.meta({ title: '专业代码', description: '{"年级编号": "专业代码"}' })),
    ),
  }),
);

export const getNumberingRoute = defineRoute({
  operationId: 'getNumbering',
  method: 'GET',
  path: '/v1/schools/{schoolId}/numbering',
  summary: '学号编排 (null when the school gives no numbers of its own)',
  tags: ['imports'],
  auth: true,
  params: SchoolIdParams,
  response: once(() => z.strictObject({ scheme: z.nullable(z.strictObject({ ...NumberingSchema().shape, updatedAt: z.string(), updatedBy: z.string() })) })),
  successStatus: 200,
  errors: [403, 404],
});

export const putNumberingRoute = defineRoute({
  operationId: 'putNumbering',
  method: 'PUT',
  path: '/v1/schools/{schoolId}/numbering',
  summary: '设置学号编排 (applies to every enrolment after it; numbers given stay)',
  tags: ['imports'],
  auth: true,
  params: SchoolIdParams,
  body: NumberingSchema,
  response: once(() => z.strictObject({ scheme: z.nullable(z.strictObject({ ...NumberingSchema().shape, updatedAt: z.string(), updatedBy: z.string() })) })),
  successStatus: 200,
  errors: [403, 404, 413, 415, 422],
});
