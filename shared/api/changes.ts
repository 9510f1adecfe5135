// Status changes (学籍异动), API.md "Status changes": filing a case, deciding its steps in order,
// the cases and tasks of an organisation.
import * as z from 'zod/mini';
import { DELIVERY_STATES } from '#shared/domain/changes/case.ts';
import { CHANGE_TYPES } from '#shared/domain/changes/kinds.ts';
import { isProvinceCode } from '#shared/domain/exchange/provinces.ts';
import { isScore, MARKS } from '#shared/domain/grades/sheet.ts';
import { GENDER, ID_TYPE } from '#shared/domain/code-tables.ts';
import { code, id, isoDate, personName, text } from '#shared/domain/field-schemas.ts';
import { ROLES } from '#shared/domain/roles.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery, listOf } from './common.ts';

const reason = () => text(500, '原因');
const comment = () => z.string().check(z.trim(), z.maxLength(500, '意见不能超过 500 个字符'));
const studentId = () => id('学生编号');
const toClassId = () => id('转入班级');

const Transfer = () =>
  z.strictObject({
    type: z.literal('transfer'),
    nationalStudentNo: z.optional(z.string().check(z.trim(), z.regex(/^[GLJ][0-9X]{17,18}$/i, '全国学籍号格式不正确'), z.meta({ title: '全国学籍号' }))),
    fromSchoolId: z.optional(id('转出学校')),
    guardianIdNumber: z.optional(z.string().check(z.trim(), z.regex(/^\d{17}[\dX]$/i, '监护人身份证件号格式不正确'), z.meta({ title: '监护人身份证件号', description: '无户籍儿童：按监护人身份证件号查找' }))),
    fromProvince: z.optional(
      z.string().check(
        z.refine(isProvinceCode, '转出省份应为省级行政区划代码 (如 320000)'),
        z.meta({ title: '转出省份', description: '跨省转学：学生现在所在省份的代码 (与本省开通了跨省交换的省份)；须同时填写全国学籍号' }),
      ),
    ),
    name: personName('姓名'),
    toClassId: toClassId(),
    reason: reason(),
  });

const Leave = () => z.strictObject({ type: z.literal('leave'), studentId: studentId(), reason: reason(), from: isoDate('休学开始日期'), until: isoDate('休学结束日期') });
const Return = () => z.strictObject({ type: z.literal('return'), studentId: studentId(), toClassId: toClassId(), reason: z.optional(reason()) });
const Move = <T extends 'repeat' | 'skip' | 'majorChange'>(type: T) => z.strictObject({ type: z.literal(type), studentId: studentId(), toClassId: toClassId(), reason: reason() });
const Exit = <T extends 'dropout' | 'abroad' | 'death' | 'withdraw'>(type: T) => z.strictObject({ type: z.literal(type), studentId: studentId(), reason: reason(), on: isoDate('发生日期') });
const KeyFieldChange = () =>
  z.strictObject({
    type: z.literal('keyFieldChange'),
    studentId: studentId(),
    changes: z.strictObject({
      name: z.optional(personName('姓名')),
      gender: z.optional(code(GENDER, '性别')),
      birthDate: z.optional(isoDate('出生日期')),
      idType: z.optional(code(ID_TYPE, '身份证件类型')),
      idNumber: z.optional(z.string().check(z.trim(), z.minLength(1, '请填写身份证件号'), z.maxLength(30, '身份证件号不能超过 30 个字符'))),
    }),
    reason: reason(),
  });

// A submitted grade's corrected value: a score (0 to 100, one decimal) or a mark, exactly one.
const GradeCorrection = () =>
  z
    .strictObject({
      type: z.literal('gradeCorrection'),
      sectionId: id('教学班'),
      studentId: studentId(),
      score: z.optional(z.number().check(z.refine(isScore, '成绩应为 0 至 100，最多一位小数'), z.meta({ title: '更正后成绩' }))),
      mark: z.optional(z.enum(MARKS).check(z.meta({ title: '更正后标记', description: 'absent 缺考, exempt 免考, cheating 作弊' }))),
      reason: reason(),
    })
    .check(z.refine((value) => (value.score === undefined) !== (value.mark === undefined), { message: '请填写更正后的成绩或标记 (二者取一)', path: ['score'] }));

export const NewChangeSchema = once(() =>
  z.discriminatedUnion('type', [
    Transfer(),
    Leave(),
    Return(),
    Move('repeat'),
    Move('skip'),
    Move('majorChange'),
    Exit('dropout'),
    Exit('abroad'),
    Exit('death'),
    Exit('withdraw'),
    KeyFieldChange(),
    GradeCorrection(),
  ]).check(z.meta({ id: 'NewChange', description: '异动申请：字段随 type 不同' })),
);
export type NewChange = z.infer<ReturnType<typeof NewChangeSchema>>;

const Person = () => z.strictObject({ userId: z.string(), displayName: z.string() });

export const ChangeSchema = once(() =>
  z.strictObject({
    changeId: z.string(),
    type: z.enum(CHANGE_TYPES),
    studentId: z.string(),
    studentName: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
    applicant: z.strictObject({ userId: z.string(), displayName: z.string(), orgId: z.string(), orgName: z.string() }),
    steps: z.array(
      z.strictObject({
        role: z.enum(ROLES),
        orgId: z.string(),
        orgName: z.string(),
        status: z.enum(['waiting', 'current', 'approved', 'rejected', 'skipped']),
        by: z.optional(Person()),
        at: z.optional(z.string()),
        comment: z.optional(z.string()),
        startedAt: z.optional(z.string()),
        dueBy: z.optional(z.string().check(z.meta({ description: '办理期限 (中国日期 YYYY-MM-DD)' }))),
        overdue: z.optional(z.boolean()),
        province: z.optional(z.string().check(z.meta({ description: '跨省转学：由该省份的部署办理的步骤 (本部署只显示，不办理)' }))),
      }),
    ),
    currentStep: z.int(),
    request: z.record(z.string(), z.unknown()).check(z.meta({ description: '申请内容 (转入班级、原因、日期、拟变更的关键信息)' })),
    createdAt: z.string(),
    completedAt: z.optional(z.string()),
    version: z.int(),
    endReason: z.optional(z.string().check(z.meta({ description: '申请非经本部署审核而结束的原因 (对方省份退回或撤销、无法执行)' }))),
    remote: z.optional(
      z.strictObject({
        province: z.string(),
        provinceName: z.string(),
        side: z.enum(['receiving', 'sending']).check(z.meta({ description: 'receiving: 本省为转入方；sending: 本省为转出方' })),
        note: z.optional(z.string().check(z.meta({ description: '与对方省份交换的状态，如「等待对方省份响应」' }))),
      }).check(z.meta({ description: '跨省转学：对方省份' })),
    ),
    delivery: z.optional(z.enum(DELIVERY_STATES).check(z.meta({ description: '发往对方省份的最近一个交换包: pending 发送中 (对方无响应时按退避重试), delivered 已送达, failed 已放弃 (死信队列)' }))),
  }).check(z.meta({ id: 'Change' })),
);

const ChangeIdParams = once(() => z.object({ changeId: id('异动编号') }));

export const fileChangeRoute = defineRoute({
  operationId: 'fileChange',
  method: 'POST',
  path: '/v1/changes',
  summary: '提交学籍异动申请 (transfer is filed by the receiving school)',
  tags: ['changes'],
  auth: true,
  body: NewChangeSchema,
  response: ChangeSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415, 422, 503],
  requestHeaders: ['idempotency-key'],
});

export const getChangeRoute = defineRoute({
  operationId: 'getChange',
  method: 'GET',
  path: '/v1/changes/{changeId}',
  summary: '异动申请详情 (parties of the case and the organisations above them)',
  tags: ['changes'],
  auth: true,
  params: ChangeIdParams,
  response: ChangeSchema,
  successStatus: 200,
  errors: [404],
});

export const listChangesRoute = defineRoute({
  operationId: 'listChanges',
  method: 'GET',
  path: '/v1/changes',
  summary: '异动申请列表 (the caller organisation’s cases, or one student’s; newest first)',
  tags: ['changes'],
  auth: true,
  query: once(() =>
    z.extend(PageQuery(), {
      studentId: z.optional(studentId()),
      status: z.optional(z.enum(['pending', 'approved', 'rejected', 'cancelled'])),
      type: z.optional(z.enum(CHANGE_TYPES)),
    }),
  ),
  response: once(() => listOf(ChangeSchema())),
  successStatus: 200,
  errors: [403, 404],
});

const decisionRoute = <TBody extends z.core.$ZodType>(action: 'approve' | 'reject' | 'cancel', summary: string, body: () => TBody) =>
  defineRoute({
    operationId: `${action}Change`,
    method: 'POST',
    path: `/v1/changes/{changeId}/${action}`,
    summary,
    tags: ['changes'],
    auth: true,
    params: ChangeIdParams,
    body: once(body),
    response: ChangeSchema,
    successStatus: 200,
    errors: [403, 404, 409, 413, 415],
  });

export const approveChangeRoute = decisionRoute('approve', '审核通过当前步骤 (the next step opens through the queue)', () => z.object({ comment: z.optional(comment()) }));
export const rejectChangeRoute = decisionRoute('reject', '退回 (ends the case; comment required)', () => z.object({ comment: comment().check(z.minLength(2, '请填写退回原因')) }));
export const cancelChangeRoute = decisionRoute('cancel', '撤销申请 (the applicant organisation, while pending)', () => z.object({ comment: z.optional(comment()) }));

export const TaskSchema = once(() =>
  z.strictObject({
    changeId: z.string(),
    type: z.enum(CHANGE_TYPES),
    studentName: z.string(),
    stepRole: z.enum(ROLES),
    since: z.string(),
    dueBy: z.string(),
    overdue: z.boolean(),
  }),
);

export const listTasksRoute = defineRoute({
  operationId: 'listTasks',
  method: 'GET',
  path: '/v1/tasks',
  summary: '待办业务: steps waiting for the caller’s organisation, oldest first, with counts per kind',
  tags: ['changes'],
  auth: true,
  query: PageQuery,
  response: once(() => z.extend(listOf(TaskSchema()), { counts: z.record(z.string(), z.int()) })),
  successStatus: 200,
  errors: [403],
});
