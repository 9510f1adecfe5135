// Organisation and account administration inside the caller's subtree.
import { z } from 'zod';
import { ROLES } from '#shared/domain/roles.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery, listOf } from './common.ts';
import { OrgIdParams, OrgSchema } from './identity.ts';


export const createOrgRoute = defineRoute({
  operationId: 'createChildOrg',
  method: 'POST',
  path: '/v1/orgs/{orgId}/children',
  summary: '新增下级组织 (city, county, school, grade or class, by the parent kind)',
  tags: ['admin'],
  auth: true,
  params: OrgIdParams,
  body: z.object({ code: z.string().trim().min(1).max(20), name: z.string().trim().min(2, '名称至少2个字').max(60) }),
  response: OrgSchema,
  successStatus: 201,
  errors: [403, 404, 409, 422],
});

export const UserSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    role: z.enum(ROLES),
    orgId: z.string(),
    displayName: z.string(),
    studentId: z.string().optional(),
    classIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'User' });

export const createUserRoute = defineRoute({
  operationId: 'createUser',
  method: 'POST',
  path: '/v1/users',
  summary: '开通账号 (a role below the caller, inside its subtree)',
  tags: ['admin'],
  auth: true,
  body: z.object({
    username: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为3至40位小写字母、数字、点、下划线或短横线'),
    subject: z.string().trim().min(1).max(200).optional().describe('身份提供方的 subject (sub)；本地模式可省略'),
    role: z.enum(ROLES),
    orgId: z.string().min(1).max(64),
    displayName: z.string().trim().min(2).max(60),
    studentId: z.string().max(64).optional().describe('学生账号对应的学籍'),
    classIds: z.array(z.string().max(64)).max(50).optional().describe('任课教师的班级'),
  }),
  response: UserSchema,
  successStatus: 201,
  errors: [403, 404, 409, 422],
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
  response: listOf(UserSchema),
  successStatus: 200,
  errors: [403, 404],
});
