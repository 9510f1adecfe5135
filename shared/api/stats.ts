// Statistics (统计), API.md "Exports, statistics and schedules": an organisation's counts, kept
// from the records table's stream, so the answer is one read however large the area.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { ORG_KINDS } from '#shared/domain/org.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';

const count = () => z.int().check(z.gte(0));
const byCode = (description: string) => z.record(z.string(), count()).check(z.meta({ description }));

export const OrgCountsSchema = once(() =>
  z
    .strictObject({
      students: count().check(z.meta({ description: '在籍学生数 (在籍、休学；不含毕业、离校和已删除的记录)' })),
      byStatus: byCode('按学籍状态：enrolled 在籍、leave 休学'),
      byGrade: byCode('按年级 (入学年份)'),
      byGender: byCode('按性别代码 (1 男、2 女)'),
      byEthnicity: byCode('按民族代码 (GB/T 3304)'),
      special: z
        .strictObject({ migrant: count(), leftBehind: count(), orphan: count(), disability: count() })
        .check(z.meta({ description: '特殊群体：进城务工人员随迁子女、留守儿童 (单亲或双亲)、孤儿、残疾 (任一残疾类型)' })),
      openProblems: z.strictObject({ total: count(), byKind: byCode('按问题类型') }).check(z.meta({ description: '待处理的问题学籍 (涉及本机构学籍的)' })),
      pendingCases: z.strictObject({ total: count(), byType: byCode('按异动类型') }).check(z.meta({ description: '办理中的学籍异动 (申请方或任一审批方在本机构内的)' })),
    })
    .check(z.meta({ id: 'OrgCounts' })),
);

const orgOf = () => ({ orgId: z.string(), kind: z.enum(ORG_KINDS), name: z.string() });

export const getStatsRoute = defineRoute({
  operationId: 'getStats',
  method: 'GET',
  path: '/v1/stats',
  summary: '统计 (an organisation’s counts of students by grade, gender, ethnicity and special groups, open problems and pending cases; optionally each direct child’s; kept from the records’ stream, seconds behind)',
  tags: ['stats'],
  auth: true,
  query: once(() =>
    z.object({
      orgId: id('组织机构'),
      children: z.optional(z.enum(['true', 'false']).check(z.meta({ description: 'true: 同时给出每个直属下级机构的统计' }))),
    }),
  ),
  response: once(() =>
    z.strictObject({
      ...orgOf(),
      counts: OrgCountsSchema(),
      children: z.optional(z.array(z.strictObject({ ...orgOf(), counts: OrgCountsSchema() }))),
    }),
  ),
  successStatus: 200,
  errors: [403, 404],
});
