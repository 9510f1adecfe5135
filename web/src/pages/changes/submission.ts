// Filing a case, safely: one Idempotency-Key per submission (the same body sent again, after a
// timeout or a double click, reuses it and files once; a changed body gets a new one), and what a
// refusal means for the form.
import type { FormInstance } from 'antd';
import { useRef } from 'react';
import { ApiClientError } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/form-errors.ts';
import { newIdempotencyKey } from '../../components/idempotency.ts';

export function useSubmissionKey() {
  const last = useRef<{ body: string; key: string } | undefined>(undefined);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: newIdempotencyKey() };
      return last.current.key;
    },
    /** After a case was filed: the next one is another submission. */
    reset() {
      last.current = undefined;
    },
  };
}

export interface FilingProblem {
  title: string;
  lines: string[];
  /** CASE_OPEN: the student's open case. */
  openChangeId?: string;
  /** The student was not found (a transfer): the number or school and the name do not match. */
  notFound?: boolean;
}

/** Puts field refusals under their fields; returns what the form must say above them (nothing when every refusal found its field). */
export function filingProblem(form: FormInstance, error: unknown): FilingProblem | undefined {
  if (!(error instanceof ApiClientError)) return { title: '提交失败，请重试', lines: [] };
  const unplaced = applyFieldErrors(form, error.fields);
  if (error.code === 'CASE_OPEN') {
    const changeId = typeof error.details?.changeId === 'string' ? error.details.changeId : undefined;
    return { title: error.message, lines: [], ...(changeId ? { openChangeId: changeId } : {}) };
  }
  if (error.status === 404) return { title: error.message, lines: [], notFound: true };
  if (error.fields.length > 0 && unplaced.length === 0) return undefined;
  return { title: error.fields.length > 0 ? '申请未能提交，请按提示修改' : error.message, lines: unplaced.map((field) => field.message) };
}
