// Reads a v2 HTTP event into typed inputs: JSON body, query string and path parameters, each
// parsed by the route's zod schema. Anything malformed becomes a 4xx, never a 5xx.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { badRequest, payloadTooLarge, unsupportedMediaType } from './api-error.ts';
import type { RouteContract, Schema } from './contract.ts';
import { parseFields } from './zod-issues.ts';

const MAX_JSON_BYTES = 1024 * 1024;

export interface ParsedInputs {
  params: unknown;
  query: unknown;
  body: unknown;
}

function parseWith(schema: Schema | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = parseFields(schema, value);
  if (!result.ok) throw badRequest('VALIDATION_FAILED', result.fields[0]?.message ?? '请求参数不正确', result.fields);
  return result.data;
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') {
    throw badRequest('BODY_REQUIRED', '缺少请求体', [{ path: 'body', code: 'required', message: '缺少请求体' }]);
  }
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') throw unsupportedMediaType();
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_JSON_BYTES) throw payloadTooLarge('请求体超过 1 MB 上限');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('MALFORMED_JSON', '请求体不是有效的 JSON', [{ path: 'body', code: 'malformed_json', message: 'JSON 格式错误' }]);
  }
}

export function readRequest(contract: RouteContract, event: APIGatewayProxyEventV2): ParsedInputs {
  return {
    params: parseWith(contract.params?.(), event.pathParameters ?? {}),
    query: parseWith(contract.query?.(), event.queryStringParameters ?? {}),
    body: contract.body ? parseWith(contract.body(), readJsonBody(event)) : undefined,
  };
}
