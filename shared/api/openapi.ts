// Generates the OpenAPI 3.1 document from the route contracts, with zod's own JSON Schema output
// (OpenAPI 3.1 schemas are JSON Schema 2020-12). Named schemas (meta `id`) become components;
// every route lists its parameters, headers, error statuses and an example.
import * as z from 'zod/mini';
import type { RequestHeader, ResponseHeader, RouteContract, Schema } from '#shared/http/contract.ts';
import { ERROR_CODES } from '#shared/http/error-codes.ts';
import { EXAMPLES } from './examples.ts';

type Json = Record<string, unknown>;

// The error body of every refusal (API.md "Conventions"); only documented here, as ApiError writes it.
const FieldErrorSchema = z.strictObject({
  path: z.string().check(z.meta({ description: '字段路径，如 guardians.0.idNumber' })),
  code: z.string().check(z.meta({ description: '小写下划线的问题代码，如 required、invalid_format、not_in_code_table' })),
  message: z.string().check(z.meta({ description: '给人看的中文说明，含字段名称' })),
});

const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]).check(z.meta({ 'x-enumDescriptions': ERROR_CODES })),
      message: z.string(),
      fields: z.array(FieldErrorSchema),
      details: z.optional(z.record(z.string(), z.unknown())),
    }),
  })
  .check(z.meta({ id: 'Error' }));


const STATUS_TEXT: Record<number, string> = {
  400: '请求格式或参数错误 (VALIDATION_FAILED, MALFORMED_JSON …)',
  401: '未登录或令牌无效、已过期 (UNAUTHENTICATED)',
  403: '角色无权或超出管辖范围',
  404: '不存在或不在管辖范围内',
  409: '与当前状态冲突',
  412: 'If-Match 的版本已过期 (STALE_VERSION)',
  413: '请求体过大 (PAYLOAD_TOO_LARGE)',
  415: '请求体不是 application/json (UNSUPPORTED_MEDIA_TYPE)',
  422: '格式正确但业务规则不允许',
  428: '缺少 If-Match 请求头 (IF_MATCH_REQUIRED)',
  429: '请求过于频繁 (RATE_LIMITED)，见 Retry-After',
  500: '服务器内部错误 (INTERNAL)',
};

const TAGS: Record<string, string> = {
  system: '部署本身: 健康检查与接口说明',
  auth: '本地模式的演示账号登录',
  identity: '当前用户',
  orgs: '组织机构树 (省 → 市 → 县 → 学校 → 年级 → 班级)',
  admin: '机构与账号管理',
  students: '学籍档案: 注册、查询、修改、删除、历史',
  'self-service': '学生信息校对 (校对补充与确认)',
  jobs: '任务：学年末升级、毕业等批量处理，提交后以任务查询进度',
  teaching: '教学：课程、教学计划、教学班与排课',
  grades: '成绩：成绩单录入、提交与学生成绩',
  exports: '导出：登分表、成绩单等文件，以任务生成，完成后从任务取下载链接',
  problems: '问题学籍：检查 (任务)、各学校和区县的问题清单、佐证材料与处理',
  photos: '学生照片：上传 (直传存储，落地后核验) 与查看',
  stats: '统计：各级机构的在籍学生数 (按年级、性别、民族、特殊群体)、待处理问题学籍与办理中的异动',
};

const REQUEST_HEADERS: Record<RequestHeader, Json> = {
  'if-match': { name: 'If-Match', in: 'header', required: true, description: '读取记录时得到的 ETag (记录版本)，如 "3"；版本已变时答 412', schema: { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$' }, example: '"3"' },
  'if-match-optional': { name: 'If-Match', in: 'header', required: false, description: '读取记录时得到的 ETag；带上时版本已变答 412', schema: { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$' }, example: '"3"' },
  'idempotency-key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: '重试安全: 同一用户 24 小时内以同一键重发，只生效一次并得到第一次的应答；处理中重发答 409 REQUEST_IN_PROGRESS，换了请求体答 422 IDEMPOTENCY_KEY_REUSED',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' },
    example: '7d1f0c2e-enrol-0001',
  },
};

const CORRELATION_HEADER: Json = { name: 'X-Correlation-Id', in: 'header', required: false, description: '调用方的请求编号，原样出现在应答和日志中', schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' } };

const RESPONSE_HEADERS: Record<ResponseHeader | 'correlation' | 'retry', Json> = {
  etag: { description: '记录版本，修改时放入 If-Match', schema: { type: 'string' }, example: '"1"' },
  location: { description: '新建资源的地址', schema: { type: 'string' }, example: '/v1/students/6f1c2a9e-4b7d-4a51-9c3e-2d8f0b1a7e44' },
  correlation: { description: '请求编号 (取自 X-Correlation-Id 或网关)', schema: { type: 'string' } },
  retry: { description: '多少秒后可以重试', schema: { type: 'integer' } },
};

/** JSON Schema of `schema`, its named parts moved into `components` and referenced from there. */
function jsonSchema(schema: Schema, io: 'input' | 'output', components: Record<string, Json>): Json {
  const { $schema: _dialect, $defs, ...root } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json & { $defs?: Record<string, Json> };
  const relink = (value: Json): Json => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  for (const [name, def] of Object.entries($defs ?? {})) components[name] ??= relink(def);
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') return relink(root);
  const { id: _id, ...named } = relink(root);
  components[id] ??= named;
  return { $ref: `#/components/schemas/${id}` };
}

function parameters(schema: Schema | undefined, where: 'path' | 'query', components: Record<string, Json>): Json[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input', components) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { title, description, ...rest } = property as Json & { title?: string; description?: string };
    return { name, in: where, required: where === 'path' || (object.required ?? []).includes(name), ...(title || description ? { description: [title, description].filter(Boolean).join(': ') } : {}), schema: rest };
  });
}

function operation(route: RouteContract, components: Record<string, Json>): Json {
  const example = EXAMPLES[route.operationId];
  if (!example) throw new Error(`No example for ${route.operationId} in shared/api/examples.ts`);
  const statuses = [...new Set([400, ...(route.auth ? [401] : []), ...(route.errors ?? []), 429, 500])].sort();
  const success: Json = {
    description: 'OK',
    headers: {
      'X-Correlation-Id': RESPONSE_HEADERS.correlation,
      ...Object.fromEntries((route.responseHeaders ?? []).map((header) => [header === 'etag' ? 'ETag' : 'Location', RESPONSE_HEADERS[header]])),
    },
    content: route.file
      ? { [route.file.contentType]: { schema: { type: 'string', format: 'binary' } } }
      : { 'application/json': { schema: jsonSchema(route.response(), 'output', components), example: example.response } },
  };
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    security: route.auth ? [{ bearer: [] }] : [],
    parameters: [
      ...parameters(route.params?.(), 'path', components),
      ...parameters(route.query?.(), 'query', components),
      ...(route.requestHeaders ?? []).map((header) => REQUEST_HEADERS[header]),
      CORRELATION_HEADER,
    ],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body(), 'input', components), ...(example.request !== undefined ? { example: example.request } : {}) } } } }
      : {}),
    responses: {
      [route.successStatus]: success,
      ...Object.fromEntries(
        statuses.map((status) => [
          status,
          {
            description: STATUS_TEXT[status] ?? 'Error',
            ...(status === 429 ? { headers: { 'Retry-After': RESPONSE_HEADERS.retry } } : {}),
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}

export function buildOpenApiDocument(routes: RouteContract[], version: string): Json {
  const components: Record<string, Json> = {};
  jsonSchema(ErrorBody, 'output', components);
  const paths: Record<string, Json> = {};
  for (const route of routes) paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route, components) };
  const usedTags = [...new Set(routes.flatMap((route) => route.tags))];
  return {
    openapi: '3.1.0',
    info: {
      title: '学籍管理系统 API',
      version,
      summary: 'Student status records (学籍) for a province or college',
      description: `学籍管理系统的公开接口。错误应答的结构见 Error；错误代码:\n\n${Object.entries(ERROR_CODES).map(([code, text]) => `- \`${code}\`: ${text}`).join('\n')}`,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/', description: '本部署 (the API lives under /v1 of the deployment origin)' }],
    security: [{ bearer: [] }],
    tags: usedTags.map((name) => ({ name, description: TAGS[name] ?? name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'OIDC 身份提供方签发的访问令牌 (本地模式: POST /v1/auth/dev-login)' } },
    },
  };
}
