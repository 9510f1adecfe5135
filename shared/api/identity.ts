import { z } from 'zod';
import { ROLES } from '#shared/domain/roles.ts';
import { ORG_KINDS } from '#shared/domain/org.ts';
import { defineRoute } from '#shared/http/contract.ts';
import { PageQuery, listOf } from './common.ts';

export const RoleSchema = z.enum(ROLES);

export const Me = z
  .object({
    userId: z.string(),
    role: RoleSchema,
    orgId: z.string(),
    orgPath: z.string().describe('组织路径: /省/市/县/学校/...'),
    displayName: z.string(),
    studentId: z.string().optional().describe('学生账号: 本人学籍'),
    classIds: z.array(z.string()).optional().describe('任课教师: 所教班级'),
  })
  .meta({ id: 'Me' });

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

export const OrgSchema = z
  .object({
    orgId: z.string(),
    kind: z.enum(ORG_KINDS),
    code: z.string(),
    name: z.string(),
    parentId: z.string().nullable(),
  })
  .meta({ id: 'Org' });

export const OrgIdParams = z.object({ orgId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '组织编号格式不正确') });

export const getOrgRoute = defineRoute({
  operationId: 'getOrg',
  method: 'GET',
  path: '/v1/orgs/{orgId}',
  summary: '组织机构 (one organisation in the caller subtree)',
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
  summary: '下级组织 (direct children, paged)',
  tags: ['orgs'],
  auth: true,
  params: OrgIdParams,
  query: PageQuery,
  response: listOf(OrgSchema),
  successStatus: 200,
  errors: [403, 404],
});
