// Optimistic locking over HTTP: the client sends back the ETag it read (the record's version).
import { badRequest, preconditionFailed, preconditionRequired } from '#shared/http/api-error.ts';

/** The version an If-Match header names; `required` makes a missing header a 428. */
export function expectedVersion(header: string | undefined, required: boolean): number | undefined {
  if (header === undefined || header === '') {
    if (required) throw preconditionRequired();
    return undefined;
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw badRequest('INVALID_IF_MATCH', 'If-Match 请求头格式不正确，应为读取记录时的 ETag，例如 "3"');
  return Number(match[1]);
}

export function assertCurrent(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) throw preconditionFailed();
}
