// The stack built from the real app manifest, as `cdk synth` builds it: data resources hardened,
// one Lambda and route per deployed function, local-only ones absent, least-privilege roles, and
// nothing that pins the AWS partition. Bundling is skipped here (the one esbuild build for all
// handlers is proven in bundling.test.ts); every entry file is still checked to exist.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { appVersion } from '#infra/paths.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { bucketEnv, queueUrlEnv, tableArnEnv, tableEnv } from '#shared/manifest/env-names.ts';
import { pascal } from '#infra/names.ts';
import { buildRoutes } from '#local/http-routes.ts';
import {
  actionsOf,
  logicalIdAt,
  referencedIds,
  resourcesOfType,
  statementsOf,
  synth,
  type Synthesized,
} from './support.ts';

const deployed = appManifest.functions.filter((f) => !f.localOnly);
const localOnly = appManifest.functions.filter((f) => f.localOnly);
const httpTriggers = (f: (typeof appManifest.functions)[number]) =>
  f.triggers.flatMap((t) => (t.kind === 'http' ? [t] : []));
const routeKeysOf = (f: (typeof appManifest.functions)[number]) =>
  f.triggers.flatMap((t) => (t.kind === 'http' ? [`${t.method} ${t.route}`] : t.kind === 'http-default' ? ['$default'] : []));

let s: Synthesized;
beforeAll(() => {
  s = synth({ manifest: appManifest });
});

describe('tables', () => {
  it.each(appManifest.tables)('$name: on-demand, KMS, PITR, deletion protection, retained, GSIs as declared', (def) => {
    const id = logicalIdAt(s, `Tables/${pascal(def.name)}/Resource`);
    const key = logicalIdAt(s, 'DataKey/Resource');
    const table = s.json.Resources[id]!;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    s.template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } },
        KeySchema: [
          { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
          ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
        ],
      }),
      Metadata: Match.objectLike({ 'aws:cdk:path': `${s.stack.stackName}/Tables/${pascal(def.name)}/Resource` }),
    });
    const props = table.Properties as Record<string, unknown>;
    const indexes = (props.GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: unknown[] }[];
    expect(indexes.map((i) => i.IndexName).sort()).toEqual(def.indexes.map((i) => i.name).sort());
    for (const index of def.indexes) {
      const synthesized = indexes.find((i) => i.IndexName === index.name) as { KeySchema: unknown[]; Projection: unknown } | undefined;
      expect(synthesized?.KeySchema).toEqual([
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      // Lists read a few attributes: their indexes copy only those (ALL only where declared).
      expect(synthesized?.Projection).toEqual(index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] } : { ProjectionType: 'ALL' });
    }
    expect(props.StreamSpecification).toEqual(def.stream ? { StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined);
    expect(props.TimeToLiveSpecification).toEqual(
      def.ttlAttribute ? { AttributeName: def.ttlAttribute, Enabled: true } : undefined,
    );
  });

  it('the data key rotates and is retained', () => {
    s.template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
    });
  });
});

describe('buckets', () => {
  it.each(appManifest.buckets)('$name: KMS, no public access, TLS only, versioned, access-logged, retained', (def) => {
    const id = logicalIdAt(s, `Buckets/${pascal(def.name)}/Resource`);
    const logs = logicalIdAt(s, 'Buckets/AccessLogs/Resource');
    const bucket = s.json.Resources[id]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [logicalIdAt(s, 'DataKey/Resource'), 'Arn'] },
            },
          },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logs } },
    });
    const rules = (bucket.Properties?.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    for (const { prefix, days } of def.expiringPrefixes ?? []) {
      expect(rules).toContainEqual(expect.objectContaining({ Prefix: prefix, ExpirationInDays: days, Status: 'Enabled' }));
    }
    if (def.browserUploads) {
      // The web app's origin: the distribution's own domain when no webDomain is set.
      const distribution = logicalIdAt(s, 'Web/Distribution/Resource');
      expect(bucket.Properties?.CorsConfiguration).toEqual({
        CorsRules: [
          expect.objectContaining({
            AllowedMethods: ['POST', 'PUT', 'GET'],
            AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] }],
          }),
        ],
      });
    } else {
      expect(bucket.Properties?.CorsConfiguration).toBeUndefined();
    }
  });

  it('every bucket, the log and web buckets included, blocks public access and denies plain HTTP', () => {
    const buckets = resourcesOfType(s, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(appManifest.buckets.length + 2);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties?.BucketEncryption).toBeDefined();
      s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });
});

describe('functions and routes', () => {
  it('one Lambda per deployed manifest function, and only CDK’s deployment-time handlers besides (the web app’s files; S3 notifications, for a bucket trigger)', () => {
    const others = resourcesOfType(s, 'AWS::Lambda::Function').filter(
      ([, fn]) => !String(fn.Metadata?.['aws:cdk:path']).startsWith(`${s.stack.stackName}/Functions/`),
    );
    const bucketTriggers = deployed.some((def) => def.triggers.some((trigger) => trigger.kind === 'bucket'));
    expect(resourcesOfType(s, 'AWS::Lambda::Function')).toHaveLength(deployed.length + 1 + (bucketTriggers ? 1 : 0));
    expect(others.map(([, fn]) => String(fn.Metadata?.['aws:cdk:path'])).sort()).toEqual([
      ...(bucketTriggers ? [expect.stringMatching(new RegExp(`^${s.stack.stackName}/BucketNotificationsHandler`))] : []),
      expect.stringMatching(new RegExp(`^${s.stack.stackName}/Custom::CDKBucketDeployment`)),
    ]);
  });

  it.each(deployed)('$id: Node.js 24 on ARM, traced, own log group, memory and timeout from the manifest', (def) => {
    const fn = s.json.Resources[logicalIdAt(s, `Functions/${def.id}/Handler/Resource`)]!;
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      MemorySize: def.memoryMb ?? 512,
      Timeout: def.timeoutSeconds ?? 10,
      LoggingConfig: { LogGroup: { Ref: logicalIdAt(s, `Functions/${def.id}/Logs/Resource`) }, LogFormat: 'JSON' },
    });
    const logGroup = s.json.Resources[logicalIdAt(s, `Functions/${def.id}/Logs/Resource`)]!;
    expect(logGroup.Properties?.RetentionInDays).toBe(365);
  });

  it.each(deployed)('$id: environment names exactly its resources, plus auth, limits, cursor key and version; encrypted with the data key', (def) => {
    const fn = s.json.Resources[logicalIdAt(s, `Functions/${def.id}/Handler/Resource`)]!;
    const variables = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    const expected: Record<string, unknown> = {
      AUTH_ISSUER: 'https://issuer.example.invalid',
      AUTH_AUDIENCE: 'xueji-api',
      AUTH_JWKS_URL: 'https://issuer.example.invalid/.well-known/jwks.json',
      AUTH_WEB_CLIENT_ID: 'xueji-api',
      APP_VERSION: appVersion,
      SERVICE_NAME: 'xueji',
      LOG_LEVEL: 'INFO',
      PROVINCE_FIELDS: '[]',
      CHANGE_RULES: '{}',
      PHOTO_SPEC: 'k12',
      EXPORT_KEEP_DAYS: '7',
      AUTH_MAX_TOKEN_LIFETIME_SECONDS: '43200',
      RATE_LIMIT_LOOKUP: '30/60,600/86400',
      // A dynamic reference, resolved by CloudFormation at deployment: the key is not in the template.
      CURSOR_KEY: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: logicalIdAt(s, 'CursorKey/Resource') }, ':SecretString:::}}']] },
    };
    for (const [name, access] of Object.entries(def.tables ?? {})) {
      expected[tableEnv(name)] = { Ref: logicalIdAt(s, `Tables/${pascal(name)}/Resource`) };
      // An export names its table by ARN.
      if (access === 'export') expected[tableArnEnv(name)] = { 'Fn::GetAtt': [logicalIdAt(s, `Tables/${pascal(name)}/Resource`), 'Arn'] };
    }
    for (const name of Object.keys(def.buckets ?? {})) {
      expected[bucketEnv(name)] = { Ref: logicalIdAt(s, `Buckets/${pascal(name)}/Resource`) };
    }
    for (const name of Object.keys(def.queues ?? {})) {
      expected[queueUrlEnv(name)] = { Ref: logicalIdAt(s, `Queues/${pascal(name)}/Resource`) };
    }
    // The exchange between deployments: its peers (none by default) for the exchange and the changes
    // functions (the changes function files transfers from another province); the keys' ARNs for the exchange function only.
    if (def.id === 'Exchange' || def.id === 'Changes') expected.EXCHANGE_PEERS = '[]';
    if (def.id === 'Exchange') {
      expected.EXCHANGE_SIGNING_KEY_ID = { 'Fn::GetAtt': [logicalIdAt(s, 'ExchangeKeys/Signing/Resource'), 'Arn'] };
      expected.EXCHANGE_ENCRYPTION_KEY_ID = { 'Fn::GetAtt': [logicalIdAt(s, 'ExchangeKeys/Encryption/Resource'), 'Arn'] };
    }
    expect(variables).toEqual(expected);
    expect(fn.Properties?.KmsKeyArn).toEqual({ 'Fn::GetAtt': [logicalIdAt(s, 'DataKey/Resource'), 'Arn'] });
  });

  it.each(deployed.flatMap((def) => routeKeysOf(def).map((key) => ({ def, key }))))(
    'route $key → $def.id, with no API Gateway authorizer (the handler checks the token)',
    ({ def, key }) => {
      const route = resourcesOfType(s, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties?.RouteKey === key);
      expect(route, key).toBeDefined();
      const props = route![1].Properties!;
      expect(props.AuthorizationType).toBe('NONE');
      expect(props.AuthorizerId).toBeUndefined();
      const integrationId = [...referencedIds(props.Target)][0]!;
      const integration = s.json.Resources[integrationId]!;
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [logicalIdAt(s, `Functions/${def.id}/Handler/Resource`), 'Arn'] },
      });
    },
  );

  it('exactly the deployed routes exist; local-only ones (the dev login) appear nowhere', () => {
    const keys = resourcesOfType(s, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties?.RouteKey);
    expect(keys.sort()).toEqual(deployed.flatMap(routeKeysOf).sort());
    const text = JSON.stringify(s.json);
    for (const def of localOnly) {
      for (const t of httpTriggers(def)) expect(text).not.toContain(t.route);
      expect(text).not.toContain(`/Functions/${def.id}/`);
      expect(text).not.toContain(def.description);
    }
  });

  it('agrees with the local router: same route keys, same function', () => {
    const lambdaIds = new Map(deployed.map((d) => [logicalIdAt(s, `Functions/${d.id}/Handler/Resource`), d.id]));
    const cloud = resourcesOfType(s, 'AWS::ApiGatewayV2::Route')
      .filter(([, r]) => r.Properties?.RouteKey !== '$default')
      .map(([, r]) => {
        const integration = s.json.Resources[[...referencedIds(r.Properties?.Target)][0]!]!;
        const fnId = lambdaIds.get([...referencedIds(integration.Properties?.IntegrationUri)][0]!);
        return `${String(r.Properties?.RouteKey)} → ${fnId}`;
      });
    const local = buildRoutes(appManifest.functions)
      .filter((r) => !r.fn.localOnly)
      .map((r) => `${r.routeKey} → ${r.fn.id}`);
    expect(cloud.sort()).toEqual(local.sort());
  });

  it('answers in the API error shape: no JWT authorizer, unknown routes to the $default handler', () => {
    expect(resourcesOfType(s, 'AWS::ApiGatewayV2::Authorizer')).toEqual([]);
    const defaults = resourcesOfType(s, 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties?.RouteKey === '$default');
    expect(defaults).toHaveLength(1);
    const integration = s.json.Resources[[...referencedIds(defaults[0]![1].Properties?.Target)][0]!]!;
    expect(integration.Properties?.IntegrationUri).toEqual({ 'Fn::GetAtt': [logicalIdAt(s, 'Functions/System/Handler/Resource'), 'Arn'] });
  });

  it('one API Gateway permission per function, not one per route', () => {
    const permissions = resourcesOfType(s, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties?.Principal === 'apigateway.amazonaws.com');
    const httpFunctions = deployed.filter((d) => routeKeysOf(d).length > 0);
    expect(permissions).toHaveLength(httpFunctions.length);
  });

  it('the default stage logs every request as JSON and is throttled; no CORS (the web app is same-origin)', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalIdAt(s, 'Api/AccessLogs/Resource'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    // The web app calls the API through its own distribution (/v1/*); CORS only for an extra
    // webOrigin (web-hosting.test.ts).
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', CorsConfiguration: Match.absent() });
  });

  it('outputs the API URL, every table name and every bucket name', () => {
    const outputs = s.json.Outputs ?? {};
    expect(outputs.ApiUrl).toBeDefined();
    for (const t of appManifest.tables) {
      expect(outputs[`${pascal(t.name)}TableName`]?.Value).toEqual({ Ref: logicalIdAt(s, `Tables/${pascal(t.name)}/Resource`) });
    }
    for (const b of appManifest.buckets) {
      expect(outputs[`${pascal(b.name)}BucketName`]?.Value).toEqual({ Ref: logicalIdAt(s, `Buckets/${pascal(b.name)}/Resource`) });
    }
  });
});

describe('least privilege from the manifest', () => {
  const tableIds = () => new Map(appManifest.tables.map((t) => [logicalIdAt(s, `Tables/${pascal(t.name)}/Resource`), t.name]));
  const bucketIds = () =>
    new Map(appManifest.buckets.map((b) => [logicalIdAt(s, `Buckets/${pascal(b.name)}/Resource`), b.name]));

  it.each(deployed)('$id touches exactly the tables and buckets it lists, with the access it lists', (def) => {
    const statements = statementsOf(s, def.id);
    const tables = tableIds();
    const buckets = bucketIds();
    const touchedTables = new Set<string>();
    const touchedBuckets = new Set<string>();
    for (const statement of statements) {
      for (const id of referencedIds(statement.Resource)) {
        const table = tables.get(id);
        const bucket = buckets.get(id);
        if (table) {
          touchedTables.add(table);
          const writes = actionsOf(statement).filter((a) =>
            /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/.test(a),
          );
          // A stream trigger's event source reads the table's stream, and only that, in a statement of its own.
          const streamRead = actionsOf(statement).every((a) => /^dynamodb:(DescribeStream|GetRecords|GetShardIterator)$/.test(a));
          if (streamRead) expect(def.triggers.some((t) => t.kind === 'tableStream' && t.table === table), `${def.id} reads the stream of ${table}`).toBe(true);
          else if (def.tables?.[table] === 'readwrite') expect(writes.length).toBeGreaterThan(0);
          else expect(writes, `${def.id} writes ${table}`).toEqual([]);
          // `export` starts exports and nothing else: no item is read through the role either.
          if (def.tables?.[table] === 'export') expect(actionsOf(statement)).toEqual(['dynamodb:ExportTableToPointInTime']);
        }
        if (bucket) {
          touchedBuckets.add(bucket);
          const writes = actionsOf(statement).filter((a) => /^s3:(PutObject|DeleteObject)/.test(a));
          if (def.buckets?.[bucket] === 'read') expect(writes, `${def.id} writes ${bucket}`).toEqual([]);
        }
      }
    }
    expect([...touchedTables].sort()).toEqual(Object.keys(def.tables ?? {}).sort());
    expect([...touchedBuckets].sort()).toEqual(Object.keys(def.buckets ?? {}).sort());
  });

  it.each(deployed)('$id: only the X-Ray actions are granted on "*", and no action is a bare wildcard', (def) => {
    for (const statement of statementsOf(s, def.id)) {
      expect(statement.Effect).toBe('Allow');
      if (statement.Resource === '*') {
        // A stream event source lists the streams too: ListStreams takes no resource.
        const streams = def.triggers.some((t) => t.kind === 'tableStream') ? ['dynamodb:ListStreams'] : [];
        expect(actionsOf(statement).sort()).toEqual([...streams, 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
      for (const action of actionsOf(statement)) expect(action).not.toMatch(/^(\*|[a-z0-9-]+:\*)$/);
    }
  });

  it('roles carry no managed policies (no AWSLambdaBasicExecutionRole), but that of CDK’s S3 notifications handler, which runs at deployments only', () => {
    for (const [, role] of resourcesOfType(s, 'AWS::IAM::Role')) {
      if (String(role.Metadata?.['aws:cdk:path']).startsWith(`${s.stack.stackName}/BucketNotificationsHandler`)) {
        expect(JSON.stringify(role.Properties?.ManagedPolicyArns)).toMatch(/:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole"/);
        continue;
      }
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('the exchange keys', () => {
  const keys = [
    { name: 'Signing', usage: 'SIGN_VERIFY', alias: 'exchange-signing', actions: ['kms:GetPublicKey', 'kms:Sign'] },
    { name: 'Encryption', usage: 'KEY_AGREEMENT', alias: 'exchange-encryption', actions: ['kms:DeriveSharedSecret', 'kms:GetPublicKey'] },
  ];

  it.each(keys)('$name: an asymmetric P-256 KMS key ($usage), retained, aliased by stage', ({ name, usage, alias }) => {
    const id = logicalIdAt(s, `ExchangeKeys/${name}/Resource`);
    const key = s.json.Resources[id]!;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: usage, PendingWindowInDays: 30 });
    // Asymmetric keys cannot rotate in KMS.
    expect(key.Properties?.EnableKeyRotation).toBeUndefined();
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
    s.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/xueji/prod/${alias}`, TargetKeyId: { 'Fn::GetAtt': [id, 'Arn'] } });
  });

  it.each(keys)('$name: the exchange function alone may use it, for $actions and nothing else', ({ name, actions }) => {
    const id = logicalIdAt(s, `ExchangeKeys/${name}/Resource`);
    for (const def of deployed) {
      const touching = statementsOf(s, def.id).filter((statement) => referencedIds(statement.Resource).has(id));
      if (def.id !== 'Exchange') {
        expect(touching, def.id).toEqual([]);
        continue;
      }
      expect(touching).toHaveLength(1);
      expect(touching[0]!.Resource).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
      expect(actionsOf(touching[0]!).sort()).toEqual(actions);
    }
    // Nothing else in the stack names the key but its alias, the exchange function's environment and that grant.
    const naming = Object.entries(s.json.Resources)
      .filter(([other, resource]) => other !== id && referencedIds(resource.Properties).has(id))
      .map(([, resource]) => resource.Type)
      .sort();
    expect(naming).toEqual(['AWS::IAM::Policy', 'AWS::KMS::Alias', 'AWS::Lambda::Function']);
  });

  it('the key policies are the account\'s (the CDK default): no service or other account is let in', () => {
    for (const { name } of keys) {
      const policy = s.json.Resources[logicalIdAt(s, `ExchangeKeys/${name}/Resource`)]!.Properties?.KeyPolicy as { Statement: { Principal: unknown; Action: unknown }[] };
      expect(policy.Statement).toHaveLength(1);
      expect(policy.Statement[0]!.Action).toBe('kms:*');
      expect(JSON.stringify(policy.Statement[0]!.Principal)).toMatch(/:iam::",\{"Ref":"AWS::AccountId"\},":root"/);
    }
  });
});

describe('partition safety', () => {
  it('the template never spells out the aws partition', () => {
    expect(JSON.stringify(s.json)).not.toContain('arn:aws:');
  });
});
