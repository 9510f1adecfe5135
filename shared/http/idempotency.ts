// Safe retries of POSTs that create something: a client that sends an Idempotency-Key header
// and retries (a timeout, a double click) gets the first answer again instead of a second
// record. Powertools Idempotency keeps the answers in the records table, expiring with its TTL.
// The key is scoped by the caller's token, and a reused key with another body is refused.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { dynamoClient } from '#shared/data/dynamo-client.ts';
import { tableName } from '#shared/data/resource-names.ts';
import { RECORDS_TABLE } from '#shared/manifest/app-manifest.ts';
import { badRequest } from './api-error.ts';

const KEY_FORMAT = /^[A-Za-z0-9_-]{8,128}$/;
const ONE_DAY = 24 * 60 * 60;

function checkKeyFormat(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: (request) => {
      const key = request.event.headers['idempotency-key'];
      if (key !== undefined && !KEY_FORMAT.test(key)) {
        throw badRequest('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key 应为8至128位字母、数字、下划线或短横线', [{ path: 'Idempotency-Key', code: 'invalid', message: '格式不正确' }]);
      }
    },
  };
}

export function idempotency(functionName: string): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[] {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: tableName(RECORDS_TABLE),
    awsSdkV3Client: dynamoClient,
    keyAttr: 'PK',
    sortKeyAttr: 'SK',
    staticPkValue: `IDEMPOTENCY#${functionName}`,
    expiryAttr: 'expiresAt',
  });
  const config = new IdempotencyConfig({
    // No header, no idempotency: the expression is null and the request runs as usual.
    eventKeyJmesPath: 'headers."idempotency-key" && [headers."idempotency-key", headers.authorization]',
    payloadValidationJmesPath: 'body',
    throwOnNoIdempotencyKey: false,
    expiresAfterSeconds: ONE_DAY,
  });
  return [checkKeyFormat(), makeHandlerIdempotent({ persistenceStore, config }) as MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>];
}
