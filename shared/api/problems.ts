// Data quality (问题学籍), API.md "Imports and data quality": a scan of an organisation's records as
// a job, the school's and county's queues of what it found with their counts, each problem's
// evidence files, and settling a problem.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { PROBLEM_KINDS, PROBLEM_STATUSES, RESOLUTIONS } from '#shared/domain/problems/kinds.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery } from './common.ts';
import { EvidenceSchema, EvidenceUploadSchema, NewEvidenceSchema } from './evidence.ts';
import { JobSchema } from './jobs.ts';

const kinds = () => z.enum(PROBLEM_KINDS).check(z.meta({ description: 'badIdNumber 身份证件号错误 (格式、地区码、出生日期、校验码)；idMismatch 证件号与出生日期或性别不符；duplicateId 两条学籍证件号相同；possibleDuplicate 两条无证件号的学籍姓名、性别、出生日期相同' }));
const statuses = () => z.enum(PROBLEM_STATUSES).check(z.meta({ description: 'open 待处理、resolved 已处理' }));
const resolutions = () =>
  z.enum(RESOLUTIONS).check(z.meta({ description: 'corrected 已更正 (学籍已不再有该问题)；deleted 已删除 (其中一条学籍已删除)；evidence 佐证材料 (已上传并通过核验，仅证件号问题)；notDuplicate 不是同一人 (仅重复学籍，须说明)' }));
const count = () => z.int().check(z.gte(0));
const countsByKind = () => z.strictObject(Object.fromEntries(PROBLEM_KINDS.map((kind) => [kind, count()])) as Record<(typeof PROBLEM_KINDS)[number], ReturnType<typeof count>>);

export const ProblemSchema = once(() =>
  z
    .strictObject({
      problemId: z.string(),
      kind: kinds(),
      status: statuses(),
      studentIds: z.array(z.string()),
      students: z
        .array(
          z.strictObject({
            studentId: z.string(),
            name: z.string(),
            gender: z.string(),
            birthDate: z.string(),
            idNumber: z.optional(z.string().check(z.meta({ description: '身份证件号 (遮蔽，同学生名单)' }))),
            schoolId: z.string(),
            schoolName: z.string(),
            countyId: z.string(),
            countyName: z.string(),
          }),
        )
        .check(z.meta({ description: '涉及的学籍 (发现时的情况)；重复学籍为两条，可能分属不同区县' })),
      description: z.string().check(z.meta({ description: '问题说明' })),
      detectedAt: z.string(),
      since: z.string().check(z.meta({ description: '处于当前状态的时间 (发现、处理或再次发现)' })),
      resolution: z.nullable(
        z.strictObject({
          resolution: resolutions(),
          comment: z.optional(z.string()),
          by: z.strictObject({ userId: z.string(), displayName: z.string(), role: z.string() }),
          at: z.string(),
          evidenceIds: z.optional(z.array(z.string())),
        }),
      ),
    })
    .check(z.meta({ id: 'Problem' })),
);

export const scanProblemsRoute = defineRoute({
  operationId: 'scanProblems',
  method: 'POST',
  path: '/v1/problems/scan',
  summary: '问题学籍检查 (a job over the whole table, keeping what touches the organisation: a school by its registrar, an area by its bureau; one at a time per organisation)',
  tags: ['problems'],
  auth: true,
  body: once(() => z.strictObject({ orgId: id('组织机构').check(z.meta({ description: '学校、区县、地市或省' })) })),
  response: JobSchema,
  successStatus: 202,
  errors: [403, 404, 409, 413, 415],
  requestHeaders: ['idempotency-key'],
  responseHeaders: ['location'],
});

export const listProblemsRoute = defineRoute({
  operationId: 'listProblems',
  method: 'GET',
  path: '/v1/problems',
  summary: '问题学籍 (a school’s or county’s queue: one status, open unless asked, by kind then oldest first; counts per status and kind)',
  tags: ['problems'],
  auth: true,
  query: once(() => z.extend(PageQuery(), { orgId: id('组织机构').check(z.meta({ description: '学校或区县' })), kind: z.optional(kinds()), status: z.optional(statuses()) })),
  response: once(() =>
    z.strictObject({
      items: z.array(ProblemSchema()),
      counts: z.strictObject({ open: countsByKind(), resolved: countsByKind() }).check(z.meta({ description: '该学校或区县的问题数，按状态和类型' })),
      nextCursor: z.nullable(z.string()),
    }),
  ),
  successStatus: 200,
  errors: [400, 403, 404],
});

const ProblemIdParams = once(() => z.object({ problemId: id('问题编号') }));

export const resolveProblemRoute = defineRoute({
  operationId: 'resolveProblem',
  method: 'POST',
  path: '/v1/problems/{problemId}/resolve',
  summary: '处理问题学籍 (the school’s registrar or the county; checked against the records as they are now)',
  tags: ['problems'],
  auth: true,
  params: ProblemIdParams,
  body: once(() =>
    z.strictObject({
      resolution: resolutions(),
      comment: z.optional(z.string().check(z.trim(), z.maxLength(500, '说明不能超过 500 个字符'), z.meta({ title: '处理说明', description: 'notDuplicate 时必填' }))),
    }),
  ),
  response: ProblemSchema,
  successStatus: 200,
  errors: [403, 404, 409, 413, 415, 422],
  requestHeaders: ['idempotency-key'],
});

export const addProblemEvidenceRoute = defineRoute({
  operationId: 'addProblemEvidence',
  method: 'POST',
  path: '/v1/problems/{problemId}/evidence',
  summary: '上传问题学籍的佐证材料 (JPG, PNG or PDF, at most 2 MB, while open; as for a case: a presigned form, checked when the file lands)',
  tags: ['problems'],
  auth: true,
  params: ProblemIdParams,
  body: NewEvidenceSchema,
  response: EvidenceUploadSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415],
});

export const listProblemEvidenceRoute = defineRoute({
  operationId: 'listProblemEvidence',
  method: 'GET',
  path: '/v1/problems/{problemId}/evidence',
  summary: '问题学籍的佐证材料 (oldest first; links valid 5 minutes)',
  tags: ['problems'],
  auth: true,
  params: ProblemIdParams,
  response: once(() => z.strictObject({ items: z.array(EvidenceSchema()) })),
  successStatus: 200,
  errors: [403, 404],
});
