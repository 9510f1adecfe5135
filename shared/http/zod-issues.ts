// Turns zod issues into the API's field errors: one style of lower snake_case codes, and messages
// in Chinese that name the field by its label (请填写出生地), never zod's technical wording. A
// message a schema wrote itself (a code-table or format rule) is kept; the generic ones (missing,
// wrong type, too long) are written here from the field's label: the schema's `title`, else the
// label of a request field below.
import * as z from 'zod/mini';
import type { FieldError } from './api-error.ts';

/** Labels of request fields that are not fields of the record (those carry their own title). */
const REQUEST_FIELD_LABELS: Record<string, string> = {
  reason: '原因', comment: '意见', note: '说明', changes: '修改内容', username: '用户名', subject: '身份标识',
  role: '角色', orgId: '组织机构', displayName: '显示名称', studentId: '学生编号', classIds: '任教班级', code: '代码',
  limit: '每页条数', cursor: '分页游标', schoolId: '学校', countyId: '区县', classId: '班级', grade: '年级', q: '查询内容',
  includeDeleted: '是否包含已删除', status: '状态', confirmDuplicate: '确认不是同一人', correctionId: '申请编号', body: '请求体',
  guardians: '家庭成员', extra: '省级扩展字段',
};

type Issue = z.core.$ZodRawIssue;

const TYPE_TEXT: Record<string, string> = { string: '文本', number: '数字', int: '整数', boolean: 'true 或 false', array: '列表', object: '对象', record: '对象' };

function labelOf(issue: Issue, labels: Record<string, string>): string {
  const meta = issue.inst ? z.globalRegistry.get(issue.inst as z.core.$ZodType) : undefined;
  if (typeof meta?.title === 'string') return meta.title;
  const key = [...(issue.path ?? [])].reverse().find((part): part is string => typeof part === 'string');
  return key ? (labels[key] ?? REQUEST_FIELD_LABELS[key] ?? key) : '请求内容';
}

function sizeText(issue: Issue & { origin?: string }, bound: number | bigint | Date): string {
  if (issue.origin === 'string') return `${bound} 个字符`;
  if (issue.origin === 'array' || issue.origin === 'set') return `${bound} 项`;
  return String(bound);
}

/** The Chinese message of a generic issue (the parse's error map). */
function describe(issue: Issue, labels: Record<string, string>): string {
  const label = labelOf(issue, labels);
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return `请填写${label}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${label}应为${TYPE_TEXT[issue.expected] ?? '正确的类型'}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return `请填写${label}`;
      return issue.origin === 'number' || issue.origin === 'int' ? `${label}不能小于 ${issue.minimum}` : `${label}至少 ${sizeText(issue, issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int' ? `${label}不能大于 ${issue.maximum}` : `${label}不能超过 ${sizeText(issue, issue.maximum)}`;
    case 'invalid_value':
      return issue.values.length <= 8 ? `${label}应为以下之一: ${issue.values.map(String).join('、')}` : `${label}取值不正确`;
    case 'unrecognized_keys':
      return `不能提交的字段: ${issue.keys.join('、')}`;
    default:
      return `${label}格式不正确`;
  }
}

/** Parses `value`; on failure returns the field errors instead of throwing. */
export function parseFields<T extends z.core.$ZodType>(
  schema: T,
  value: unknown,
  options: { prefix?: string; labels?: Record<string, string> } = {},
): { ok: true; data: z.output<T> } | { ok: false; fields: FieldError[] } {
  const labels = options.labels ?? {};
  // reportInput keeps each issue's input, so a missing field can be told from a wrong one; the
  // issues never leave this function.
  const result = z.safeParse(schema, value, { error: (issue) => describe(issue, labels), reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fields: result.error.issues.flatMap((issue) => toFieldErrors(issue, options.prefix)) };
}

function toFieldErrors(issue: z.core.$ZodIssue, prefix: string | undefined): FieldError[] {
  const base = [prefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...base, key].join('.'), code: 'unknown_field', message: `${key} 不是可以提交的字段` }));
  }
  const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined;
  return [{ path: base.join('.'), code: missing ? 'required' : issue.code === 'custom' ? 'invalid' : issue.code, message: withPlace(issue.path, issue.message) }];
}

/** "家庭成员2：" before a guardian's field, so the message says whose field it is. */
function withPlace(path: PropertyKey[], message: string): string {
  const at = path.indexOf('guardians');
  const index = path[at + 1];
  return at >= 0 && typeof index === 'number' ? `家庭成员${index + 1}：${message}` : message;
}
