// Province-defined fields (非基础学籍信息): each deployment may add its own fields to the record.
// The definitions come from configuration; this builds the zod schema that validates `extra`.
import { z } from 'zod';

export const ProvinceFieldSchema = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
  label: z.string().min(1).max(40),
  type: z.enum(['text', 'code', 'flag', 'number', 'date']),
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(500).optional(),
  codes: z.record(z.string(), z.string()).optional(),
});
export type ProvinceField = z.infer<typeof ProvinceFieldSchema>;

export const ProvinceFieldsSchema = z.array(ProvinceFieldSchema).max(100);

function fieldSchema(field: ProvinceField): z.ZodType {
  switch (field.type) {
    case 'text': {
      const max = field.maxLength ?? 200;
      return z.string().trim().min(1).refine((v) => [...v].length <= max, { message: `${field.label}不能超过 ${max} 个字` });
    }
    case 'code': {
      const codes = field.codes ?? {};
      return z.string().refine((v) => Object.hasOwn(codes, v), { message: `${field.label}代码不在代码表中` });
    }
    case 'flag':
      return z.enum(['0', '1'], { message: `${field.label}应为 1 (是) 或 0 (否)` });
    case 'number':
      return z.number({ message: `${field.label}应为数字` });
    case 'date':
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${field.label}格式应为 YYYY-MM-DD`);
  }
}

/** A strict schema for `extra`: unknown keys and missing required fields are refused. */
export function extraFieldsSchema(fields: ProvinceField[]): z.ZodType<Record<string, unknown>> {
  return z.strictObject(Object.fromEntries(fields.map((field) => [field.key, field.required ? fieldSchema(field) : fieldSchema(field).optional()])));
}

/** Reads the deployment's definitions from PROVINCE_FIELDS (JSON); none when unset. */
export function provinceFieldsFromEnv(json: string | undefined): ProvinceField[] {
  if (!json) return [];
  return ProvinceFieldsSchema.parse(JSON.parse(json));
}
