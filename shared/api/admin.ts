// Organisation and account administration inside the caller's subtree.
import * as z from 'zod/mini';
import { ROLES } from '#shared/domain/roles.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { OrgIdParams, PageQuery, listOf } from './common.ts';
import { OrgSchema, RoleSchema } from './identity.ts';

export const createOrgRoute = defineRoute({
  operationId: 'createChildOrg',
  method: 'POST',
  path: '/v1/orgs/{orgId}/children',
  summary: '新增下级组织 (city, county, school, grade or class, by the parent kind)',
  tags: ['admin'],
  auth: true,
  params: OrgIdParams,
  body: once(() =>
    z.object({
      code: z.string().check(z.trim(), z.minLength(1, '请填写代码'), z.maxLength(20), z.meta({ title: '代码' })),
      name: z.string().check(z.trim(), z.minLength(2, '名称至少2个字'), z.maxLength(60), z.meta({ title: '名称' })),
    }),
  ),
  response: OrgSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415, 422],
});

export const UserSchema = once(() =>
  z
    .strictObject({
      userId: z.string(),
      username: z.string(),
      role: RoleSchema(),
      orgId: z.string(),
      displayName: z.string(),
      studentId: z.optional(z.string()),
      classIds: z.optional(z.array(z.string())),
    })
    .check(z.meta({ id: 'User' })),
);

export const createUserRoute = defineRoute({
  operationId: 'createUser',
  method: 'POST',
  path: '/v1/users',
  summary: '开通账号 (a role below the caller, inside its subtree)',
  tags: ['admin'],
  auth: true,
  body: once(() => z.object({
    username: z.string().check(z.trim(), z.regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为3至40位小写字母、数字、点、下划线或短横线')),
    subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200), z.meta({ description: '身份提供方的 subject (sub)；本地以演示账号登录时可省略' }))),
    role: z.enum(ROLES),
    orgId: z.string().check(z.minLength(1), z.maxLength(64)),
    displayName: z.string().check(z.trim(), z.minLength(2, '显示名称至少2个字'), z.maxLength(60)),
    studentId: z.optional(z.string().check(z.maxLength(64), z.meta({ description: '学生账号对应的学籍' }))),
    classIds: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(50), z.meta({ description: '任课教师的班级' }))),
  })),
  response: UserSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415, 422],
});

export const listOrgUsersRoute = defineRoute({
  operationId: 'listOrgUsers',
  method: 'GET',
  path: '/v1/orgs/{orgId}/users',
  summary: '本机构的账号',
  tags: ['admin'],
  auth: true,
  params: OrgIdParams,
  query: PageQuery,
  response: once(() => listOf(UserSchema())),
  successStatus: 200,
  errors: [403, 404],
});
