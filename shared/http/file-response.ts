// A route that answers a file (the import template): the bytes, base64 as API Gateway carries
// binary bodies, saved under the file's own name.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { attachment } from '#shared/domain/exports/kinds.ts';
import type { FileBody } from './contract.ts';

export function fileResponse(status: number, contentType: string, file: FileBody, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': contentType, 'content-disposition': attachment(file.fileName), 'cache-control': 'no-store', ...headers },
    body: Buffer.from(file.content).toString('base64'),
    isBase64Encoded: true,
  };
}
