// Which fields a student may propose corrections to, and how a value of any field reads. The
// server takes ordinary fields only (shared/services/students/update.ts parsePatch): not the key
// fields (name, sex, birth date, ID document), not the class, nothing the system keeps. Family
// members and the province's own fields are lists and objects the registrar edits with the
// student's papers, so they are not offered here either.
import { codeLabel, isKeyField, SECTIONS, type FieldSpec, type Section } from '../../students/fields.ts';

export const CORRECTABLE: Section[] = SECTIONS.map((section) => ({
  ...section,
  fields: section.fields.filter((field) => !isKeyField(field.key) && !field.readOnly && field.kind !== 'class' && field.kind !== 'computed'),
})).filter((section) => section.fields.length > 0);

const SPEC_BY_KEY = new Map<string, FieldSpec>(SECTIONS.flatMap((section) => section.fields.map((field) => [field.key, field] as const)));

export const specOf = (key: string): FieldSpec | undefined => SPEC_BY_KEY.get(key);

export const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

/** A field's value for people: a code with its Chinese label, an empty value as 未填写. */
export function readable(key: string, value: unknown): string {
  if (isEmpty(value)) return '未填写';
  const spec = specOf(key);
  if (spec?.kind === 'code') return codeLabel(spec.table, value);
  if (typeof value === 'object') return '(多项内容)';
  return String(value);
}
