// Validates a record's province-defined fields against this deployment's definitions.
import type { z } from 'zod';
import { extraFieldsSchema, provinceFieldsFromEnv } from '#shared/domain/province-fields.ts';
import { badRequest } from '#shared/http/api-error.ts';
import { fieldErrors } from '#shared/http/zod-issues.ts';

let schema: z.ZodType<Record<string, unknown>> | undefined;

export function checkExtraFields(extra: Record<string, unknown>): Record<string, unknown> {
  schema ??= extraFieldsSchema(provinceFieldsFromEnv(process.env.PROVINCE_FIELDS));
  const result = schema.safeParse(extra);
  if (!result.success) throw badRequest('VALIDATION_FAILED', '省级扩展字段不正确', fieldErrors(result.error, 'extra'));
  return result.data;
}
