// The one error type handlers throw. It carries the public error shape of API.md: a stable code,
// a Chinese message for people, and field paths for forms (always an array, empty when the error
// is not about fields).
import type { ErrorCode } from './error-codes.ts';

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;
  /** Machine-readable context for a conflict (e.g. where a duplicate record lives). */
  details?: Record<string, unknown>;

  constructor(status: number, code: ErrorCode, message: string, fields: FieldError[] = [], headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }

  withDetails(details: Record<string, unknown>): this {
    this.details = details;
    return this;
  }

  toBody(): ErrorBodyShape {
    return { error: { code: this.code, message: this.message, fields: this.fields, ...(this.details ? { details: this.details } : {}) } };
  }
}

export interface ErrorBodyShape {
  error: { code: ErrorCode; message: string; fields: FieldError[]; details?: Record<string, unknown> };
}

export const badRequest = (code: ErrorCode, message: string, fields: FieldError[] = []): ApiError =>
  new ApiError(400, code, message, fields);
export const unauthenticated = (message = '未登录或登录已失效，请重新登录'): ApiError =>
  new ApiError(401, 'UNAUTHENTICATED', message, [], { 'www-authenticate': 'Bearer' });
export const forbidden = (code: ErrorCode, message: string): ApiError => new ApiError(403, code, message);
export const notFound = (message = '未找到该资源'): ApiError => new ApiError(404, 'NOT_FOUND', message);
export const conflict = (code: ErrorCode, message: string, fields: FieldError[] = []): ApiError =>
  new ApiError(409, code, message, fields);
export const preconditionFailed = (message = '记录已被他人修改，请刷新后重试'): ApiError =>
  new ApiError(412, 'STALE_VERSION', message);
export const preconditionRequired = (): ApiError =>
  new ApiError(428, 'IF_MATCH_REQUIRED', '修改记录须带 If-Match 请求头 (取自读取记录时的 ETag)', [{ path: 'If-Match', code: 'required', message: '请带上读取记录时得到的 ETag' }]);
export const payloadTooLarge = (message: string): ApiError => new ApiError(413, 'PAYLOAD_TOO_LARGE', message);
export const unsupportedMediaType = (message = '仅支持 application/json 请求体'): ApiError =>
  new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
export const ruleViolation = (code: ErrorCode, message: string, fields: FieldError[] = []): ApiError =>
  new ApiError(422, code, message, fields);
