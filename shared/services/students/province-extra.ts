// Validates a record's province-defined fields against this deployment's definitions; errors name
// the fields by the province's own labels.
import type * as z from 'zod/mini';
import { extraFieldsSchema, provinceFieldLabels, provinceFieldsFromEnv } from '#shared/domain/province-fields.ts';
import { badRequest } from '#shared/http/api-error.ts';
import { parseFields } from '#shared/http/zod-issues.ts';

let province: { schema: z.ZodMiniType<Record<string, unknown>>; labels: Record<string, string> } | undefined;

export function checkExtraFields(extra: Record<string, unknown>): Record<string, unknown> {
  if (!province) {
    const fields = provinceFieldsFromEnv(process.env.PROVINCE_FIELDS);
    province = { schema: extraFieldsSchema(fields), labels: provinceFieldLabels(fields) };
  }
  const result = parseFields(province.schema, extra, { prefix: 'extra', labels: province.labels });
  if (!result.ok) throw badRequest('VALIDATION_FAILED', result.fields[0]?.message ?? '省级扩展字段不正确', result.fields);
  return result.data;
}
