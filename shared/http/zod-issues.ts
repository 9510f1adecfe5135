// Turns zod issues into the API's field errors, with zod's own Chinese (zh-CN) messages.
import { z } from 'zod';
import type { FieldError } from './api-error.ts';

z.config(z.locales.zhCN());

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '').join('.'),
    code: issue.code,
    message: issue.message,
  }));
}
