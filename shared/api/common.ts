// Shapes shared by many routes: the error body, list paging and ids (API.md "Conventions").
import * as z from 'zod/mini';
import { ERROR_CODES } from '#shared/http/error-codes.ts';
import { id } from '#shared/domain/field-schemas.ts';

export const FieldErrorSchema = z.strictObject({
  path: z.string().check(z.meta({ description: '字段路径，如 guardians.0.idNumber' })),
  code: z.string().check(z.meta({ description: '小写下划线的问题代码，如 required、invalid_format、not_in_code_table' })),
  message: z.string().check(z.meta({ description: '给人看的中文说明，含字段名称' })),
});

export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]).check(z.meta({ 'x-enumDescriptions': ERROR_CODES })),
      message: z.string(),
      fields: z.array(FieldErrorSchema),
      details: z.optional(z.record(z.string(), z.unknown())),
    }),
  })
  .check(z.meta({ id: 'Error' }));

export const PageQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 50),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

export const listOf = <T extends z.core.$ZodType>(item: T) => z.strictObject({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const OrgIdParams = z.object({ orgId: id('组织机构') });
