// Exports (API.md "Exports, statistics and schedules"): a file made from the records by a job.
// `POST /v1/exports` answers 202 with the job; `GET /v1/jobs/{jobId}` then says how it goes and,
// once it succeeded, gives a download link valid five minutes (made at each read).
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { EXPORT_FORMATS, EXPORT_KIND_LABEL, EXPORT_KINDS, KIND_FORMATS, ORG_EXPORT_KINDS, type ExportKind, type OrgExportKind } from '#shared/domain/exports/kinds.ts';
import { JOB_STATUSES } from '#shared/domain/jobs.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { listOf, PageQuery } from './common.ts';
import { JobSchema } from './jobs.ts';

const format = (kind: ExportKind) => z.enum(KIND_FORMATS[kind]).check(z.meta({ title: '文件格式', description: KIND_FORMATS[kind].join('、') }));
/** A kind made of an organisation's records: the organisation is what it exports. */
const orgKind = (kind: OrgExportKind) =>
  z.strictObject({ kind: z.literal(kind).check(z.meta({ description: EXPORT_KIND_LABEL[kind] })), orgId: id('机构'), format: format(kind) });

const orgId = () => z.optional(id('机构').check(z.meta({ description: '可选：导出内容所属的机构 (学校、年级或班级)，须包含所导出的内容' })));

export const NewExportSchema = once(() =>
  z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('gradeSheet').check(z.meta({ description: '登分表' })), sectionId: id('教学班'), format: format('gradeSheet'), orgId: orgId() }),
      z.strictObject({ kind: z.literal('transcript').check(z.meta({ description: '学生成绩单' })), studentId: id('学生'), format: format('transcript'), orgId: orgId() }),
      ...ORG_EXPORT_KINDS.map(orgKind),
    ])
    .check(
      z.meta({
        id: 'NewExport',
        description: `导出：gradeSheet 登分表 (sectionId)、transcript 成绩单 (studentId)；${ORG_EXPORT_KINDS.map((kind) => `${kind} ${EXPORT_KIND_LABEL[kind]}`).join('、')} (orgId：所导出的机构)；字段随 kind 不同`,
      }),
    ),
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

const kindsText = (kinds: readonly ExportKind[]) => kinds.map((kind) => `${kind} ${EXPORT_KIND_LABEL[kind]}`).join('、');

export const ExportItemSchema = once(() =>
  z
    .strictObject({
      exportId: z.string().check(z.meta({ description: '导出任务编号 (GET /v1/jobs/{jobId} 亦可查看)' })),
      kind: z.enum(EXPORT_KINDS).check(z.meta({ description: kindsText(EXPORT_KINDS) })),
      format: z.enum(EXPORT_FORMATS),
      orgId: z.string(),
      createdAt: z.string(),
      createdBy: z.string().check(z.meta({ description: '发起人 (定时导出：定时任务的创建人)' })),
      scheduleId: z.optional(z.string().check(z.meta({ description: '由该定时导出生成' }))),
      status: z.enum(JOB_STATUSES),
      errors: z.int().check(z.meta({ description: '未通过导出前检查而未导出的行 (学信网文件) 或失败' })),
      errorSamples: z.array(z.strictObject({ item: z.string(), message: z.string() })),
      completedAt: z.optional(z.string()),
      size: z.optional(z.int().check(z.meta({ description: '文件大小 (字节)' }))),
      url: z.nullable(z.string()).check(z.meta({ description: '文件的下载链接，每次读取时生成，5 分钟内有效；未完成、已过期或无权下载时为 null' })),
    })
    .check(z.meta({ id: 'ExportItem' })),
);

export const listExportsRoute = defineRoute({
  operationId: 'listExports',
  method: 'GET',
  path: '/v1/exports',
  summary: '机构的导出文件 (newest first; scheduled runs included)',
  tags: ['exports'],
  auth: true,
  query: once(() => z.object({ limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20), cursor: PageQuery().shape.cursor, orgId: id('机构') })),
  response: once(() => listOf(ExportItemSchema())),
  successStatus: 200,
  errors: [403, 404],
});

export const ExportScheduleSchema = once(() =>
  z
    .strictObject({
      scheduleId: z.string(),
      kind: z.enum(ORG_EXPORT_KINDS),
      orgId: z.string(),
      format: z.enum(EXPORT_FORMATS),
      cron: z.string().check(z.meta({ description: '分 时 日 月 周 (北京时间)' })),
      createdBy: z.string(),
      createdAt: z.string(),
      nextRunAt: z.string().check(z.meta({ description: '下次运行时间 (UTC)' })),
      lastRun: z.optional(z.strictObject({ at: z.string(), jobId: z.optional(z.string()), error: z.optional(z.string()) })),
    })
    .check(z.meta({ id: 'ExportSchedule' })),
);

const cron = () =>
  z.string().check(z.trim(), z.minLength(1, '请填写定时规则'), z.maxLength(100), z.meta({ title: '定时规则', description: '5 段 cron，北京时间：分 时 日 月 周；如 0 7 * * 1 为每周一 7:00。“分”须为一个数 (每小时至多一次)' }));

export const NewExportScheduleSchema = once(() =>
  z
    .discriminatedUnion('kind', ORG_EXPORT_KINDS.map((kind) => z.strictObject({ kind: z.literal(kind).check(z.meta({ description: EXPORT_KIND_LABEL[kind] })), orgId: id('机构'), format: format(kind), cron: cron() })) as unknown as [z.ZodMiniObject, ...z.ZodMiniObject[]])
    .check(z.meta({ id: 'NewExportSchedule', description: `定时导出：${kindsText(ORG_EXPORT_KINDS)}` })),
);

export const createExportScheduleRoute = defineRoute({
  operationId: 'createExportSchedule',
  method: 'POST',
  path: '/v1/export-schedules',
  summary: '新建定时导出 (each run lands in GET /v1/exports)',
  tags: ['exports'],
  auth: true,
  body: once(() => NewExportScheduleSchema() as unknown as z.ZodMiniType<{ kind: OrgExportKind; orgId: string; format: (typeof EXPORT_FORMATS)[number]; cron: string }>),
  response: ExportScheduleSchema,
  successStatus: 201,
  errors: [403, 404, 413, 415, 422],
  requestHeaders: ['idempotency-key'],
});

export const listExportSchedulesRoute = defineRoute({
  operationId: 'listExportSchedules',
  method: 'GET',
  path: '/v1/export-schedules',
  summary: '机构的定时导出',
  tags: ['exports'],
  auth: true,
  query: once(() => z.object({ ...PageQuery().shape, orgId: id('机构') })),
  response: once(() => listOf(ExportScheduleSchema())),
  successStatus: 200,
  errors: [403, 404],
});

export const deleteExportScheduleRoute = defineRoute({
  operationId: 'deleteExportSchedule',
  method: 'DELETE',
  path: '/v1/export-schedules/{scheduleId}',
  summary: '删除定时导出 (its files stay in the list until they expire)',
  tags: ['exports'],
  auth: true,
  params: once(() => z.object({ scheduleId: id('定时导出') })),
  response: once(() => z.strictObject({ scheduleId: z.string(), deleted: z.literal(true) })),
  successStatus: 200,
  errors: [403, 404],
});
