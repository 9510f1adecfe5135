// Identity and organisations (API.md "Identity and organisations").
import * as z from 'zod/mini';
import { ORG_KINDS } from '#shared/domain/org.ts';
import { ROLES, ROLE_LABEL } from '#shared/domain/roles.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { OrgIdParams, PageQuery, listOf } from './common.ts';

export const RoleSchema = once(() => z.enum(ROLES).check(z.meta({ title: '角色', 'x-enumDescriptions': ROLE_LABEL })));

export const Me = once(() =>
  z.strictObject({
    userId: z.string(),
    role: RoleSchema(),
    orgId: z.string(),
    orgPath: z.string().check(z.meta({ description: '组织路径: /省/市/县/学校/...' })),
    displayName: z.string(),
    studentId: z.optional(z.string().check(z.meta({ description: '学生账号: 本人学籍' }))),
    classIds: z.optional(z.array(z.string()).check(z.meta({ description: '任课教师: 所教班级' }))),
  }).check(z.meta({ id: 'Me' })),
);

export const meRoute = defineRoute({
  operationId: 'getMe',
  method: 'GET',
  path: '/v1/me',
  summary: '当前登录用户 (the calling principal)',
  tags: ['identity'],
  auth: true,
  response: Me,
  successStatus: 200,
});

export const OrgSchema = once(() =>
  z
    .strictObject({
      orgId: z.string(),
      kind: z.enum(ORG_KINDS),
      code: z.string(),
      name: z.string(),
      parentId: z.nullable(z.string()),
      studentCount: z.optional(z.int().check(z.meta({ description: '在籍学生数 (在籍、休学；不含毕业、离校和已删除的记录；学校及以上的计数至多 10 秒前)' }))),
    })
    .check(z.meta({ id: 'Org' })),
);

export const getOrgRoute = defineRoute({
  operationId: 'getOrg',
  method: 'GET',
  path: '/v1/orgs/{orgId}',
  summary: '组织机构 (one organisation in the caller subtree, with its number of students)',
  tags: ['orgs'],
  auth: true,
  params: OrgIdParams,
  response: OrgSchema,
  successStatus: 200,
  errors: [403, 404],
});

export const listOrgChildrenRoute = defineRoute({
  operationId: 'listOrgChildren',
  method: 'GET',
  path: '/v1/orgs/{orgId}/children',
  summary: '下级组织 (direct children, paged, each with its number of students)',
  tags: ['orgs'],
  auth: true,
  params: OrgIdParams,
  query: PageQuery,
  response: once(() => listOf(OrgSchema())),
  successStatus: 200,
  errors: [403, 404],
});

export const provinceFieldsRoute = defineRoute({
  operationId: 'listProvinceFields',
  method: 'GET',
  path: '/v1/province-fields',
  summary: '本省扩展字段 (the province-defined record fields, for forms)',
  tags: ['identity'],
  auth: true,
  response: once(() =>
    z.strictObject({
      items: z.array(
        z.strictObject({
          key: z.string(),
          label: z.string(),
          type: z.enum(['text', 'code', 'flag', 'number', 'date']),
          required: z.boolean(),
          maxLength: z.optional(z.int()),
          codes: z.optional(z.record(z.string(), z.string())),
        }),
      ),
    }),
  ),
  successStatus: 200,
});
