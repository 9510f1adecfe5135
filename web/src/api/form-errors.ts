// The API names each refused field by its path (`guardians.0.idNumber`, `changes.phone`): this
// puts every message next to its field in an antd form, and returns those the form has no field
// for (to show above it), so no refusal goes unexplained.
import type { FormInstance } from 'antd';
import type { FieldError } from './client.ts';

export function applyFieldErrors(form: FormInstance, fields: FieldError[], options: { stripPrefix?: string } = {}): FieldError[] {
  const known = new Set(form.getFieldsError().map((entry) => entry.name.join('.')));
  const unplaced: FieldError[] = [];
  const byPath = new Map<string, string[]>();
  for (const field of fields) {
    const path = options.stripPrefix && field.path.startsWith(`${options.stripPrefix}.`) ? field.path.slice(options.stripPrefix.length + 1) : field.path;
    if (!known.has(path)) {
      unplaced.push(field);
      continue;
    }
    byPath.set(path, [...(byPath.get(path) ?? []), field.message]);
  }
  form.setFields([...byPath].map(([path, errors]) => ({ name: path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), errors })));
  const first = [...byPath.keys()][0];
  if (first) form.scrollToField(first.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), { block: 'center' });
  return unplaced;
}
