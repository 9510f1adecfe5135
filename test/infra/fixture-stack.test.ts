// A fixture manifest with every trigger kind (queue consumers standard and FIFO, a schedule, a
// bucket prefix, public and JWT routes) and every access mode, so the wiring is proven before the
// real manifest needs it. Bundling is skipped here; bundling.test.ts bundles for real.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { pascal } from '#infra/names.ts';
import { queueUrlEnv, tableEnv } from '#shared/manifest/env-names.ts';
import { fixtureManifest } from './fixture-manifest.ts';
import {
  actionsOf,
  logicalIdAt,
  referencedIds,
  resourcesOfType,
  statementsOf,
  synth,
  type Synthesized,
} from './support.ts';

const WEB_ORIGIN = 'https://xueji.example.cn';
let s: Synthesized;
beforeAll(() => {
  s = synth({
    manifest: fixtureManifest,
    context: {
      webOrigin: WEB_ORIGIN,
      authIssuer: 'https://login.example.cn/realms/jiangsu/',
      authAudience: 'xueji',
      stage: 'fixture',
    },
  });
});

const fnId = (id: string) => logicalIdAt(s, `Functions/${id}/Handler/Resource`);
const queueId = (name: string) => logicalIdAt(s, `Queues/${pascal(name)}/Resource`);

describe('queues', () => {
  it.each(fixtureManifest.queues)('$name has its own KMS-encrypted dead-letter queue of the same kind', (def) => {
    const main = s.json.Resources[queueId(def.name)]!.Properties!;
    const dlqId = logicalIdAt(s, `Queues/${pascal(def.name)}Dlq/Resource`);
    const dlq = s.json.Resources[dlqId]!.Properties!;
    const key = { 'Fn::GetAtt': [logicalIdAt(s, 'DataKey/Resource'), 'Arn'] };
    expect(main).toMatchObject({
      VisibilityTimeout: def.visibilityTimeoutSeconds,
      KmsMasterKeyId: key,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: def.maxReceiveCount },
    });
    expect(dlq).toMatchObject({ KmsMasterKeyId: key, MessageRetentionPeriod: 14 * 24 * 3600 });
    expect(main.FifoQueue).toBe(def.fifo ? true : undefined);
    expect(dlq.FifoQueue).toBe(def.fifo ? true : undefined);
    for (const id of [queueId(def.name), dlqId]) {
      s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('a queue trigger becomes an event source mapping with partial batch failures', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('Consumer') },
      EventSourceArn: { 'Fn::GetAtt': [queueId('work'), 'Arn'] },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('StepRunner') },
      EventSourceArn: { 'Fn::GetAtt': [queueId('steps'), 'Arn'] },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(resourcesOfType(s, 'AWS::Lambda::EventSourceMapping')).toHaveLength(2);
  });

  it('a producer gets its queue URL and the right to send, not to receive', () => {
    const fn = s.json.Resources[fnId('Consumer')]!.Properties!;
    expect((fn.Environment as { Variables: Record<string, unknown> }).Variables[queueUrlEnv('steps')]).toEqual({
      Ref: queueId('steps'),
    });
    const onSteps = statementsOf(s, 'Consumer').filter((st) => referencedIds(st.Resource).has(queueId('steps')));
    const actions = onSteps.flatMap(actionsOf);
    expect(actions).toContain('sqs:SendMessage');
    expect(actions).not.toContain('sqs:ReceiveMessage');
    expect(actions).not.toContain('sqs:DeleteMessage');
  });
});

describe('schedules and bucket events', () => {
  it('a schedule trigger becomes an EventBridge rule with the cron, targeting the function', () => {
    s.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(30 18 ? * MON-FRI *)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId('Nightly'), 'Arn'] } })],
    });
    s.template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnId('Nightly'), 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });

  it('a bucket trigger becomes an object-created notification filtered by prefix', () => {
    s.template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalIdAt(s, 'Buckets/Imports/Resource') },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [fnId('ImportListener'), 'Arn'] },
          },
        ],
      },
    });
    s.template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnId('ImportListener'), 'Arn'] },
      Principal: 's3.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [logicalIdAt(s, 'Buckets/Imports/Resource'), 'Arn'] },
    });
  });
});

describe('tables, buckets and functions from the fixture', () => {
  it('a numeric GSI sort key, a table without sort key, TTL and stream as declared', () => {
    const ledger = s.json.Resources[logicalIdAt(s, 'Tables/Ledger/Resource')]!.Properties!;
    expect(ledger.AttributeDefinitions).toEqual(
      expect.arrayContaining([{ AttributeName: 'at', AttributeType: 'N' }, { AttributeName: 'day', AttributeType: 'S' }]),
    );
    expect(ledger.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(ledger.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    const audit = s.json.Resources[logicalIdAt(s, 'Tables/AuditLog/Resource')]!.Properties!;
    expect(audit.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(audit.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('CORS only on browser-upload buckets, for the configured web origin; expiring prefixes expire', () => {
    const imports = s.json.Resources[logicalIdAt(s, 'Buckets/Imports/Resource')]!.Properties!;
    const exports = s.json.Resources[logicalIdAt(s, 'Buckets/Exports/Resource')]!.Properties!;
    expect(JSON.stringify(imports.CorsConfiguration)).toContain(WEB_ORIGIN);
    expect(exports.CorsConfiguration).toBeUndefined();
    expect((imports.LifecycleConfiguration as { Rules: unknown[] }).Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'tmp/', ExpirationInDays: 3, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }),
    );
  });

  it('memory and timeout come from the manifest entry', () => {
    expect(s.json.Resources[fnId('Consumer')]!.Properties).toMatchObject({ MemorySize: 1024, Timeout: 60 });
  });

  it('local-only functions, their routes and their grants do not exist', () => {
    expect(resourcesOfType(s, 'AWS::Lambda::Function').map(([id]) => id)).not.toContainEqual(
      expect.stringContaining('LocalOnlyLogin'),
    );
    expect(JSON.stringify(s.json)).not.toContain('/v1/dev/login');
    const routeKeys = resourcesOfType(s, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties?.RouteKey);
    expect(routeKeys.sort()).toEqual(['GET /v1/ledger/{id}', 'GET /v1/ping']);
  });

  it('handlers see the configured issuer (trailing slash dropped) and the physical table names', () => {
    const env = (s.json.Resources[fnId('ReadLedger')]!.Properties!.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(env).toMatchObject({
      AUTH_ISSUER: 'https://login.example.cn/realms/jiangsu',
      AUTH_AUDIENCE: 'xueji',
      AUTH_JWKS_URL: 'https://login.example.cn/realms/jiangsu/.well-known/jwks.json',
      [tableEnv('ledger')]: { Ref: logicalIdAt(s, 'Tables/Ledger/Resource') },
    });
    expect(env[tableEnv('audit-log')]).toBeUndefined();
  });
});

describe('least privilege', () => {
  const tables = () =>
    new Map(fixtureManifest.tables.map((t) => [logicalIdAt(s, `Tables/${pascal(t.name)}/Resource`), t.name]));
  const queues = () => new Map(fixtureManifest.queues.map((q) => [queueId(q.name), q.name]));
  const deployed = fixtureManifest.functions.filter((f) => !f.localOnly);

  it.each(deployed)('$id reaches only the tables and queues it lists or is triggered by', (def) => {
    const touchedTables = new Set<string>();
    const touchedQueues = new Set<string>();
    for (const statement of statementsOf(s, def.id)) {
      for (const id of referencedIds(statement.Resource)) {
        const table = tables().get(id);
        if (table) touchedTables.add(table);
        const queue = queues().get(id);
        if (queue) touchedQueues.add(queue);
        if (table && def.tables?.[table] === 'read') {
          expect(actionsOf(statement)).not.toContain('dynamodb:PutItem');
        }
      }
    }
    const triggeredBy = def.triggers.flatMap((t) => (t.kind === 'queue' ? [t.queue] : []));
    expect([...touchedTables].sort()).toEqual(Object.keys(def.tables ?? {}).sort());
    expect([...touchedQueues].sort()).toEqual([...new Set([...Object.keys(def.queues ?? {}), ...triggeredBy])].sort());
  });

  it('a read-only table grant allows reads but no write action at all', () => {
    const onLedger = statementsOf(s, 'ReadLedger')
      .filter((st) => referencedIds(st.Resource).has(logicalIdAt(s, 'Tables/Ledger/Resource')))
      .flatMap(actionsOf);
    expect(onLedger).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const action of ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']) {
      expect(onLedger).not.toContain(`dynamodb:${action}`);
    }
  });

  it.each(deployed)('$id: only the X-Ray actions are granted on "*"', (def) => {
    for (const statement of statementsOf(s, def.id)) {
      if (statement.Resource === '*') {
        expect(actionsOf(statement).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
    }
  });

  it('a function without data access gets no data-key rights', () => {
    const key = logicalIdAt(s, 'DataKey/Resource');
    for (const statement of statementsOf(s, 'Ping')) expect(referencedIds(statement.Resource).has(key)).toBe(false);
  });

  it('the template never spells out the aws partition', () => {
    expect(JSON.stringify(s.json)).not.toContain('arn:aws:');
  });
});
