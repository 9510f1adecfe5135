// The audit writer against DynamoDB Local: the entry commits with its change, and a change whose
// condition fails leaves no entry behind.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RECORDS_TABLE } from '#shared/manifest/resources.ts';
import { tableEnv } from '#shared/manifest/env-names.ts';
import type * as AuditModule from '#shared/data/audit.ts';
import type { AuditEntry } from '#shared/data/audit.ts';

// Imported after the environment is set: the shared clients read it when the module loads.
let audit: typeof AuditModule;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  const { endpoints } = inject('stack');
  // The shared clients read their endpoint from the SDK's environment variables, as in Lambda.
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    [tableEnv(RECORDS_TABLE)]: RECORDS_TABLE,
  });
  audit = await import('#shared/data/audit.ts');
  doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: endpoints.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
});

const entryFor = (id: string): AuditEntry => ({
  entity: { type: 'TEST', id },
  actor: { userId: 'local|tester', displayName: '测试员', role: 'school_registrar' },
  action: 'create',
  changes: [{ field: 'name', old: null, new: '张𠀀' }],
});

async function history(id: string) {
  const result = await doc.send(
    new QueryCommand({ TableName: RECORDS_TABLE, KeyConditionExpression: 'PK = :p AND begins_with(SK, :a)', ExpressionAttributeValues: { ':p': `TEST#${id}`, ':a': 'AUDIT#' } }),
  );
  return result.Items ?? [];
}

describe('commitWithAudit', () => {
  it('writes the change and its entry together', async () => {
    const id = randomUUID();
    await audit.commitWithAudit(RECORDS_TABLE, [{ Put: { TableName: RECORDS_TABLE, Item: { PK: `TEST#${id}`, SK: 'RECORD', name: '张𠀀' }, ConditionExpression: 'attribute_not_exists(PK)' } }], entryFor(id));
    const record = await doc.send(new GetCommand({ TableName: RECORDS_TABLE, Key: { PK: `TEST#${id}`, SK: 'RECORD' } }));
    expect(record.Item?.name).toBe('张𠀀');
    const entries = await history(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'create', actor: { userId: 'local|tester' }, changes: [{ field: 'name', old: null, new: '张𠀀' }] });
    expect(Date.parse(entries[0]!.at as string)).not.toBeNaN();
  });

  it('writes neither when the change is refused, and says which item failed', async () => {
    const id = randomUUID();
    const put = { Put: { TableName: RECORDS_TABLE, Item: { PK: `TEST#${id}`, SK: 'RECORD', name: 'first' }, ConditionExpression: 'attribute_not_exists(PK)' } };
    await audit.commitWithAudit(RECORDS_TABLE, [put], entryFor(id));
    const second = audit.commitWithAudit(RECORDS_TABLE, [{ Put: { ...put.Put, Item: { ...put.Put.Item, name: 'second' } } }], entryFor(id));
    await expect(second).rejects.toBeInstanceOf(audit.TransactionConflict);
    await second.catch((error: InstanceType<typeof audit.TransactionConflict>) => expect(error.reasons[0]).toBe('ConditionalCheckFailed'));
    const record = await doc.send(new GetCommand({ TableName: RECORDS_TABLE, Key: { PK: `TEST#${id}`, SK: 'RECORD' } }));
    expect(record.Item?.name).toBe('first');
    expect(await history(id)).toHaveLength(1);
  });
});
