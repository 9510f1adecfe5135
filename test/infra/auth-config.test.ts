// Deployment settings from context: defaults that synthesize offline, validation of bad values,
// the optional Cognito issuer (tokens always checked by the handlers, never by an API Gateway
// authorizer), and the manifest checks that refuse what the stacks cannot build.
import { App } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_ISSUER, readDeployConfig } from '#infra/config.ts';
import { manifestProblems } from '#infra/manifest-check.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import type { AppManifest } from '#shared/manifest/types.ts';
import { fixtureManifest } from './fixture-manifest.ts';
import { logicalIdAt, resourcesOfType, synth, type Synthesized } from './support.ts';

const config = (context: Record<string, unknown>) => readDeployConfig(new App({ context }).node);

describe('context', () => {
  it('has offline defaults: placeholder issuer, stage prod, 12 h tokens, lookup limits', () => {
    expect(config({})).toEqual({
      stage: 'prod',
      region: undefined,
      cognito: false,
      authIssuer: PLACEHOLDER_ISSUER,
      authAudience: 'xueji-api',
      authJwksUrl: `${PLACEHOLDER_ISSUER}/.well-known/jwks.json`,
      webOrigin: undefined,
      webDomain: undefined,
      webCertificateArn: undefined,
      webClientId: 'xueji-api',
      cognitoDomainPrefix: undefined,
      logLevel: 'INFO',
      throttleRateLimit: 50,
      throttleBurstLimit: 100,
      provinceFields: '[]',
      changeRules: '{}',
      photoSpec: 'k12',
      maxTokenLifetimeHours: 12,
      exportKeepDays: 7,
      lookupRateLimit: '30/60,600/86400',
      exchangePeers: '[]',
    });
  });

  it('checks the exchange settings: a province-level code, peers as the exchange function reads them', () => {
    const peers = [{ province: '320000', baseUrl: 'https://xueji.js.example.cn', jwksUrl: 'https://xueji.js.example.cn/.well-known/xueji-exchange' }];
    expect(config({ provinceCode: '440000', exchangePeers: peers })).toMatchObject({ provinceCode: '440000', exchangePeers: JSON.stringify(peers) });
    expect(config({ exchangePeers: JSON.stringify(peers) }).exchangePeers).toBe(JSON.stringify(peers));
    expect(() => config({ provinceCode: '440100' })).toThrow(/Context "provinceCode"/);
    expect(() => config({ provinceCode: '440000', exchangePeers: [{ ...peers[0], province: '440000' }] })).toThrow(/Context "exchangePeers" is invalid/);
    expect(() => config({ exchangePeers: [{ province: '320000', baseUrl: 'https://x.example.cn' }] })).toThrow(/exchangePeers/);
  });

  it('takes a known photo spec and refuses another at synth', () => {
    expect(config({ photoSpec: 'graduate480' }).photoSpec).toBe('graduate480');
    expect(() => config({ photoSpec: 'passport' })).toThrow(/Context "photoSpec" is invalid: PHOTO_SPEC must be one of k12, graduate358, graduate480/);
  });

  it('validates the province fields and passes them on as JSON', () => {
    const fields = [{ key: 'dormitory', label: '宿舍号', type: 'text', maxLength: 20 }];
    expect(JSON.parse(config({ provinceFields: JSON.stringify(fields) }).provinceFields)).toEqual([{ ...fields[0], required: false }]);
    expect(JSON.parse(config({ provinceFields: fields }).provinceFields)).toEqual([{ ...fields[0], required: false }]);
    expect(() => config({ provinceFields: '[{"key":"x"}]' })).toThrow(/provinceFields/);
    expect(() => config({ provinceFields: 'not json' })).toThrow(/provinceFields/);
  });

  it("checks a province's approval chains as the handlers will read them", () => {
    const rules = { chains: { leave: { applicant: 'school', steps: ['county', 'city'] } }, stepDays: 7 };
    expect(JSON.parse(config({ changeRules: rules }).changeRules)).toEqual(rules);
    expect(JSON.parse(config({ changeRules: JSON.stringify(rules) }).changeRules)).toEqual(rules);
    // A transfer's parties are sending and receiving sides, not "the school".
    expect(() => config({ changeRules: { chains: { 'transfer.sameCounty': { applicant: 'school', steps: ['county'] } } } })).toThrow(/changeRules/);
    expect(() => config({ changeRules: { stepDays: 0 } })).toThrow(/changeRules/);
    expect(() => config({ changeRules: 'not json' })).toThrow(/changeRules/);
  });

  it('reads strings from -c flags and booleans/numbers from cdk.json alike', () => {
    expect(config({ cognito: 'true', throttleRateLimit: '200', logLevel: 'debug', maxTokenLifetimeHours: '2' })).toMatchObject({
      cognito: true,
      throttleRateLimit: 200,
      logLevel: 'DEBUG',
      maxTokenLifetimeHours: 2,
    });
    expect(config({ cognito: true, throttleBurstLimit: 300, lookupRateLimit: '10/60' })).toMatchObject({ cognito: true, throttleBurstLimit: 300, lookupRateLimit: '10/60' });
    expect(config({ authJwksUrl: 'https://idp.example.cn/keys' }).authJwksUrl).toBe('https://idp.example.cn/keys');
  });

  it('reads the web settings: region, custom domain and certificate, extra origin, web client, Cognito domain', () => {
    const acm = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f';
    expect(
      config({
        region: 'cn-northwest-1',
        webDomain: 'Xueji.Example.CN',
        webCertificateArn: 'ASCAEXAMPLE0EXAMPLE01',
        webOrigin: 'http://localhost:5173',
        webClientId: 'xueji-web',
        cognitoDomainPrefix: 'jiangsu-xueji',
      }),
    ).toMatchObject({
      region: 'cn-northwest-1',
      webDomain: 'xueji.example.cn',
      webCertificateArn: 'ASCAEXAMPLE0EXAMPLE01',
      webOrigin: 'http://localhost:5173',
      webClientId: 'xueji-web',
      cognitoDomainPrefix: 'jiangsu-xueji',
    });
    expect(config({ webDomain: 'xueji.example.com', webCertificateArn: acm }).webCertificateArn).toBe(acm);
    expect(config({ authAudience: 'xueji' }).webClientId).toBe('xueji');
  });

  it.each([
    [{ stage: 'Prod' }, /stage/],
    [{ region: 'China' }, /region/],
    [{ webDomain: 'https://xueji.example.cn', webCertificateArn: 'ASCAEXAMPLE0EXAMPLE01' }, /webDomain/],
    [{ webDomain: 'xueji.example.cn/app', webCertificateArn: 'ASCAEXAMPLE0EXAMPLE01' }, /webDomain/],
    [{ webDomain: 'xueji.example.cn' }, /go together/],
    [{ webCertificateArn: 'ASCAEXAMPLE0EXAMPLE01' }, /go together/],
    [{ webDomain: 'xueji.example.com', webCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' }, /us-east-1/],
    [{ webDomain: 'xueji.example.com', webCertificateArn: 'my-certificate' }, /webCertificateArn/],
    [{ cognitoDomainPrefix: 'xueji-cognito' }, /cognitoDomainPrefix/],
    [{ cognitoDomainPrefix: 'Xueji' }, /cognitoDomainPrefix/],
    [{ authIssuer: 'http://idp.example.cn' }, /https/],
    [{ authIssuer: 'not a url' }, /URL/],
    [{ webOrigin: 'https://xueji.example.cn/app' }, /origin/],
    [{ cognito: 'yes' }, /true or false/],
    [{ lookupRateLimit: '30 per minute' }, /lookupRateLimit/],
    [{ throttleRateLimit: '-1' }, /positive integer/],
    [{ logLevel: 'LOUD' }, /logLevel/],
  ])('refuses %j', (context, message) => {
    expect(() => config(context)).toThrow(message);
  });
});

describe('issuer from context (default)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ manifest: appManifest, stackId: 'Xueji-default' });
  });

  it('warns at synthesis that the placeholder issuer rejects every token', () => {
    Annotations.fromStack(s.stack).hasWarning('/Xueji-default/Auth', Match.stringLikeRegexp('authIssuer'));
  });

  it('creates no user pool', () => {
    expect(resourcesOfType(s, 'AWS::Cognito::UserPool')).toEqual([]);
  });
});

describe('cognito=true', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ manifest: appManifest, context: { cognito: 'true' }, stackId: 'Xueji-cognito' });
  });

  it('creates a retained user pool with MFA required and a strong password policy', () => {
    s.template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        DeletionProtection: 'ACTIVE',
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      }),
      DeletionPolicy: 'Retain',
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
    });
  });

  it('hands the pool to the handlers as issuer, the web client as audience', () => {
    const pool = logicalIdAt(s, 'Auth/UserPool/Resource');
    const client = logicalIdAt(s, 'Auth/UserPool/WebClient/Resource');
    const fn = s.json.Resources[logicalIdAt(s, 'Functions/Identity/Handler/Resource')]!.Properties!;
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    const issuer = {
      'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: pool }]],
    };
    expect(env.AUTH_ISSUER).toEqual(issuer);
    expect(env.AUTH_AUDIENCE).toEqual({ Ref: client });
    expect(JSON.stringify(env.AUTH_JWKS_URL)).toContain('/.well-known/jwks.json');
    expect(Object.keys(s.json.Outputs ?? {})).toEqual(expect.arrayContaining(['UserPoolId', 'WebClientId']));
  });

  it('attaches no JWT authorizer: every route relies on the handler middleware', () => {
    expect(resourcesOfType(s, 'AWS::ApiGatewayV2::Authorizer')).toEqual([]);
    for (const [, route] of resourcesOfType(s, 'AWS::ApiGatewayV2::Route')) {
      expect(route.Properties?.AuthorizationType).toBe('NONE');
    }
  });

  it('does not warn about a placeholder issuer', () => {
    Annotations.fromStack(s.stack).hasNoWarning('*', Match.stringLikeRegexp('authIssuer'));
  });
});

describe('manifest checks', () => {
  const broken = (change: (m: AppManifest) => void): AppManifest => {
    const copy = structuredClone(fixtureManifest);
    change(copy);
    return copy;
  };

  it('accept the app manifest and the fixture', () => {
    expect(manifestProblems(appManifest)).toEqual([]);
    expect(manifestProblems(fixtureManifest)).toEqual([]);
  });

  it.each([
    ['an undeclared table', (m: AppManifest) => (m.functions[0]!.tables = { nowhere: 'read' }), /undeclared table "nowhere"/],
    ['an undeclared bucket', (m: AppManifest) => (m.functions[0]!.buckets = { nowhere: 'read' }), /undeclared bucket/],
    ['an undeclared queue', (m: AppManifest) => (m.functions[0]!.queues = { nowhere: 'send' }), /undeclared queue/],
    [
      'a trigger on an undeclared queue',
      (m: AppManifest) => (m.functions[0]!.triggers = [{ kind: 'queue', queue: 'nowhere', batchSize: 1 }]),
      /triggered by undeclared queue/,
    ],
    [
      'a duplicate route',
      (m: AppManifest) => (m.functions[5]!.triggers = [{ kind: 'http', method: 'GET', route: '/v1/ledger/{id}', auth: 'none' }]),
      /both claim route "GET \/v1\/ledger\/\{id\}"/,
    ],
    ['a duplicate function id', (m: AppManifest) => (m.functions[1]!.id = m.functions[0]!.id), /duplicate function id/],
    [
      'a visibility timeout shorter than the consumer timeout',
      (m: AppManifest) => (m.queues[0]!.visibilityTimeoutSeconds = 30),
      /visibility timeout of 30s, shorter than the 60s timeout of its consumer Consumer/,
    ],
    [
      'two resources sharing one environment variable',
      (m: AppManifest) => m.tables.push({ ...m.tables[1]!, name: 'audit_log' }),
      /TABLE_AUDIT_LOG/,
    ],
  ])('refuse %s', (_what, change, message) => {
    expect(manifestProblems(broken(change)).join('\n')).toMatch(message);
  });

  it('refuse to build a stack from a broken manifest', () => {
    expect(() => synth({ manifest: broken((m) => (m.functions[0]!.tables = { nowhere: 'read' })) })).toThrow(
      /cannot be deployed/,
    );
  });
});
