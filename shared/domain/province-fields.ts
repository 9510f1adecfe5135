// Province-defined fields (非基础学籍信息): each deployment may add its own fields to the record.
// The definitions come from configuration; this builds the zod schema that validates `extra`.
import * as z from 'zod/mini';
import { isoDate, text } from './field-schemas.ts';
import { once } from './schema-once.ts';

const ProvinceFieldSchema = () => z.object({
  key: z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/)),
  label: z.string().check(z.minLength(1), z.maxLength(40)),
  type: z.enum(['text', 'code', 'flag', 'number', 'date']),
  required: z._default(z.boolean(), false),
  maxLength: z.optional(z.int().check(z.gte(1), z.lte(500))),
  codes: z.optional(z.record(z.string(), z.string())),
});
export type ProvinceField = z.infer<ReturnType<typeof ProvinceFieldSchema>>;

export const ProvinceFieldsSchema = once(() => z.array(ProvinceFieldSchema()).check(z.maxLength(100)));

function fieldSchema(field: ProvinceField): z.ZodMiniType {
  switch (field.type) {
    case 'text':
      return text(field.maxLength ?? 200, field.label);
    case 'code': {
      const codes = field.codes ?? {};
      return z.string().check(z.refine((v) => Object.hasOwn(codes, v), `${field.label}代码不在代码表中`));
    }
    case 'flag':
      return z.enum(['0', '1'], { error: `${field.label}应为 1 (是) 或 0 (否)` });
    case 'number':
      return z.number({ error: `${field.label}应为数字` });
    case 'date':
      return isoDate(field.label);
  }
}

/** A strict schema for `extra`: unknown keys and missing required fields are refused. */
export function extraFieldsSchema(fields: ProvinceField[]): z.ZodMiniType<Record<string, unknown>> {
  return z.strictObject(Object.fromEntries(fields.map((field) => [field.key, field.required ? fieldSchema(field) : z.optional(fieldSchema(field))])));
}

/** The labels of the deployment's fields, so errors name them as the province does. */
export const provinceFieldLabels = (fields: ProvinceField[]): Record<string, string> => Object.fromEntries(fields.map((field) => [field.key, field.label]));

/** Reads the deployment's definitions from PROVINCE_FIELDS (JSON); none when unset. */
export function provinceFieldsFromEnv(json: string | undefined): ProvinceField[] {
  if (!json) return [];
  return z.parse(ProvinceFieldsSchema(), JSON.parse(json));
}
