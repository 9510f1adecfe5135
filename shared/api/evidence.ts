// Evidence (佐证材料) of a status-change case, API.md "Status changes": an upload slot with a
// presigned POST straight to the bucket, and the case's files with short-lived download links.
import * as z from 'zod/mini';
import { EVIDENCE_CONTENT_TYPES, MAX_EVIDENCE_BYTES } from '#shared/domain/changes/evidence.ts';
import { id } from '#shared/domain/field-schemas.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';

const ChangeIdParams = once(() => z.object({ changeId: id('异动编号') }));
const contentType = () => z.enum(EVIDENCE_CONTENT_TYPES, { error: (issue) => (typeof issue.input === 'string' ? '只接受 JPG、PNG 或 PDF 文件' : undefined) }).check(z.meta({ title: '文件类型' }));

export const NewEvidenceSchema = once(() =>
  z
    .strictObject({
      fileName: z.string().check(z.trim(), z.minLength(1, '请填写文件名'), z.maxLength(255, '文件名不能超过 255 个字符'), z.meta({ title: '文件名', description: '原文件名；保存时去掉路径和不安全的字符，最多 100 个字' })),
      contentType: contentType(),
      size: z.int().check(z.gte(1, '文件不能为空'), z.lte(MAX_EVIDENCE_BYTES, '文件不能超过 2 MB'), z.meta({ title: '文件大小 (字节)', description: '上传的文件必须正好这么大' })),
    })
    .check(z.meta({ id: 'NewEvidence' })),
);

export const EvidenceUploadSchema = once(() =>
  z
    .strictObject({
      evidenceId: z.string(),
      upload: z.strictObject({
        url: z.string().check(z.meta({ description: '以 multipart/form-data POST 到此地址' })),
        fields: z.record(z.string(), z.string()).check(z.meta({ description: '按原样、按顺序放入表单，文件放在最后 (字段名 file)；10 分钟内有效' })),
      }),
    })
    .check(z.meta({ id: 'EvidenceUpload' })),
);

export const EvidenceSchema = once(() =>
  z
    .strictObject({
      evidenceId: z.string(),
      fileName: z.string(),
      contentType: z.enum(EVIDENCE_CONTENT_TYPES),
      size: z.int(),
      status: z.enum(['pending', 'accepted', 'rejected']).check(z.meta({ description: 'pending 等待上传或核验；accepted 已核验；rejected 被拒 (见 reason)' })),
      reason: z.optional(z.string().check(z.meta({ description: '被拒的原因 (rejected)' }))),
      url: z.optional(z.string().check(z.meta({ description: '下载地址，5 分钟内有效 (accepted)' }))),
    })
    .check(z.meta({ id: 'Evidence' })),
);

export const addEvidenceRoute = defineRoute({
  operationId: 'addEvidence',
  method: 'POST',
  path: '/v1/changes/{changeId}/evidence',
  summary: '上传佐证材料 (JPG, PNG or PDF, at most 2 MB): answers a presigned form that uploads the file straight to storage; the applicant organisation and the current step’s organisation, while pending',
  tags: ['changes'],
  auth: true,
  params: ChangeIdParams,
  body: NewEvidenceSchema,
  response: EvidenceUploadSchema,
  successStatus: 201,
  errors: [403, 404, 409, 413, 415],
});

export const listEvidenceRoute = defineRoute({
  operationId: 'listEvidence',
  method: 'GET',
  path: '/v1/changes/{changeId}/evidence',
  summary: '佐证材料列表 (parties of the case; oldest first)',
  tags: ['changes'],
  auth: true,
  params: ChangeIdParams,
  response: once(() => z.strictObject({ items: z.array(EvidenceSchema()) })),
  successStatus: 200,
  errors: [404],
});
