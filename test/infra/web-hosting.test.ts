// The web app behind CloudFront: a private bucket reached through origin access control, the API
// at /v1/* on the same origin (no caching, every method, all viewer headers but Host), HTTPS
// everywhere, the security headers of the local server, the single-page-app fallback on the S3
// behaviour only; a custom domain; the China variant (ICP domain, IAM certificate, what CloudFront
// China lacks); the web client id for the handlers and the Cognito code flow. Bundling is skipped
// except in the last suite, which runs the stack's own `vite build`.
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_PATH_PATTERN, ASSETS_CACHE_CONTROL, PAGES_CACHE_CONTROL, SPA_ROUTING_CODE } from '#infra/constructs/web-hosting.ts';
import { nagViolations } from '#infra/nag.ts';
import { WEB_SECURITY_HEADERS } from '#local/web-app.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import type { AppManifest } from '#shared/manifest/types.ts';
import { logicalIdAt, resourcesOfType, synth, type CfnResource, type Synthesized } from './support.ts';

/** CloudFront's managed policies, by the ids CloudFormation takes. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const ACM_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const IAM_CERTIFICATE_ID = 'ASCAEXAMPLE0EXAMPLE01';

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  ViewerProtocolPolicy: string;
  AllowedMethods?: string[];
  CachePolicyId?: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId?: unknown;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
  Compress?: boolean;
  ForwardedValues?: { QueryString: boolean; Headers?: string[]; Cookies?: { Forward: string } };
  MinTTL?: number;
  DefaultTTL?: number;
  MaxTTL?: number;
}
interface Origin {
  Id: string;
  DomainName: unknown;
  OriginAccessControlId?: unknown;
  S3OriginConfig?: { OriginAccessIdentity: unknown };
  CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] };
}
interface DistributionConfig {
  Aliases?: string[];
  DefaultCacheBehavior: Behavior;
  CacheBehaviors?: Behavior[];
  Origins: Origin[];
  ViewerCertificate?: Record<string, unknown>;
  CustomErrorResponses?: unknown[];
  Logging?: { Bucket: unknown; Prefix: string };
  HttpVersion: string;
  DefaultRootObject: string;
}

const distributionOf = (s: Synthesized): DistributionConfig =>
  s.json.Resources[logicalIdAt(s, 'Web/Distribution/Resource')]!.Properties!.DistributionConfig as DistributionConfig;
const apiBehavior = (s: Synthesized): Behavior => distributionOf(s).CacheBehaviors!.find((b) => b.PathPattern === API_PATH_PATTERN)!;
const originOf = (s: Synthesized, behavior: Behavior): Origin => distributionOf(s).Origins.find((o) => o.Id === behavior.TargetOriginId)!;
const deployments = (s: Synthesized): CfnResource[] => resourcesOfType(s, 'Custom::CDKBucketDeployment').map(([, r]) => r);
const envOf = (s: Synthesized, fnId: string): Record<string, unknown> =>
  (s.json.Resources[logicalIdAt(s, `Functions/${fnId}/Handler/Resource`)]!.Properties!.Environment as { Variables: Record<string, unknown> })
    .Variables;
/** `https://<the distribution's domain>` as CloudFormation renders it. */
const distributionOrigin = (s: Synthesized, path = '') => ({
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdAt(s, 'Web/Distribution/Resource'), 'DomainName'] }, ...(path ? [path] : [])]],
});

/** Runs the SPA routing function as CloudFront would, on a viewer request for `uri`. */
function routedUri(uri: string): string {
  const handler = new Function(`${SPA_ROUTING_CODE}; return handler;`)() as (event: unknown) => { uri: string };
  return handler({ request: { uri, method: 'GET', headers: {}, querystring: {} } }).uri;
}

describe('defaults: the distribution’s own domain', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ manifest: appManifest, stackId: 'Xueji-web' });
  });

  it('keeps the app in a private, TLS-only, versioned, access-logged, retained bucket (SSE-S3)', () => {
    const id = logicalIdAt(s, 'Web/Bucket/Resource');
    const bucket = s.json.Resources[id]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalIdAt(s, 'Buckets/AccessLogs/Resource') }, LogFilePrefix: 'web/' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  it('lets only this distribution read it, through origin access control', () => {
    const s3Origin = originOf(s, distributionOf(s).DefaultCacheBehavior);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [logicalIdAt(s, 'Web/Bucket/Resource'), 'RegionalDomainName'] });
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    const oac = logicalIdAt(s, 'Web/Distribution/Origin1/S3OriginAccessControl/Resource');
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac, 'Id'] });
    s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    const policy = resourcesOfType(s, 'AWS::S3::BucketPolicy').find(
      ([, p]) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: logicalIdAt(s, 'Web/Bucket/Resource') }),
    )![1];
    const allows = (policy.Properties!.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement.filter((st) => st.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
    expect(JSON.stringify(allows[0]!.Condition)).toContain(logicalIdAt(s, 'Web/Distribution/Resource'));
  });

  it('routes /v1/* to the HTTP API: every method, no caching, all viewer headers but Host, HTTPS to the origin', () => {
    const api = apiBehavior(s);
    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    // The API sets its own headers: no response headers policy, no page rewriting.
    expect(api.ResponseHeadersPolicyId).toBeUndefined();
    expect(api.FunctionAssociations).toBeUndefined();
    const origin = originOf(s, api);
    expect(origin.DomainName).toEqual({
      'Fn::Join': ['', [{ Ref: logicalIdAt(s, 'Api/HttpApi/Resource') }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
    });
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('redirects HTTP to HTTPS on every behaviour', () => {
    const config = distributionOf(s);
    const behaviors = [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])];
    expect(behaviors).toHaveLength(2);
    for (const behavior of behaviors) expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('serves the app compressed and cached by the objects’ Cache-Control, with the security headers', () => {
    const config = distributionOf(s);
    expect(config).toMatchObject({ DefaultRootObject: 'index.html', HttpVersion: 'http2and3' });
    expect(config.DefaultCacheBehavior).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
      CachePolicyId: CACHING_OPTIMIZED,
      ResponseHeadersPolicyId: { Ref: logicalIdAt(s, 'Web/SecurityHeaders/Resource') },
    });
  });

  it('sends the security headers of the local server (local/web-app.ts), plus HSTS', () => {
    const policy = s.json.Resources[logicalIdAt(s, 'Web/SecurityHeaders/Resource')]!.Properties!.ResponseHeadersPolicyConfig as Record<string, unknown>;
    expect(policy.SecurityHeadersConfig).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: WEB_SECURITY_HEADERS['content-security-policy'], Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: WEB_SECURITY_HEADERS['referrer-policy'], Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: false, Override: true },
    });
    expect(policy.CustomHeadersConfig).toEqual({
      Items: [{ Header: 'Permissions-Policy', Value: WEB_SECURITY_HEADERS['permissions-policy'], Override: true }],
    });
    expect(WEB_SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(WEB_SECURITY_HEADERS['x-frame-options']).toBe('DENY');
  });

  it('answers page paths with index.html through a function on the S3 behaviour only, never with error responses', () => {
    const config = distributionOf(s);
    const fn = logicalIdAt(s, 'Web/SpaRouting/Resource');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn, 'FunctionARN'] } }]);
    // Error responses would apply to /v1/* too and turn the API's 403/404 into the app.
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(s.json.Resources[fn]!.Properties).toMatchObject({ FunctionCode: SPA_ROUTING_CODE, FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
    for (const page of ['/', '/login', '/auth/callback', '/students', '/students/2144010601-G2026-C01-07/history', '/orgs/3201']) {
      expect(routedUri(page), page).toBe('/index.html');
    }
    for (const file of ['/index.html', '/favicon.svg', '/assets/index-BQuQOHZA.js', '/assets/index-BWLjwIXG.css', '/assets/gone-1234.js']) {
      expect(routedUri(file), file).toBe(file);
    }
  });

  it('logs to the access-log bucket, which keeps ACLs for CloudFront’s log delivery (public ones blocked)', () => {
    const logs = logicalIdAt(s, 'Buckets/AccessLogs/Resource');
    expect(distributionOf(s).Logging).toEqual({ Bucket: { 'Fn::GetAtt': [logs, 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
    expect(s.json.Resources[logs]!.Properties).toMatchObject({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
  });

  it('deploys the build: hashed assets for a year and kept, then the pages, no-cache and pruned', () => {
    const [assets, pages] = [logicalIdAt(s, 'Web/DeployAssets/CustomResource-512MiB/Default'), logicalIdAt(s, 'Web/DeployPages/CustomResource-512MiB/Default')];
    expect(deployments(s)).toHaveLength(2);
    expect(s.json.Resources[assets]!.Properties).toMatchObject({
      DestinationBucketName: { Ref: logicalIdAt(s, 'Web/Bucket/Resource') },
      Include: ['assets/*'],
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'cache-control': ASSETS_CACHE_CONTROL },
    });
    expect(s.json.Resources[pages]!.Properties).toMatchObject({
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': PAGES_CACHE_CONTROL },
    });
    expect(JSON.stringify(s.json.Resources[pages]!)).toContain(assets);
    // One build for both: the same asset.
    const keys = [assets, pages].map((id) => JSON.stringify(s.json.Resources[id]!.Properties!.SourceObjectKeys));
    expect(keys[0]).toBe(keys[1]);
  });

  it('the deployment handler has its own role (no managed policy) and a log group kept a year', () => {
    const role = s.json.Resources[logicalIdAt(s, 'Web/DeploymentRole/Resource')]!;
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    expect(s.json.Resources[logicalIdAt(s, 'Web/DeploymentLogs/Resource')]!.Properties?.RetentionInDays).toBe(365);
  });

  it('gives the handlers the web client id (AUTH_WEB_CLIENT_ID, the audience by default)', () => {
    for (const def of appManifest.functions.filter((f) => !f.localOnly)) expect(envOf(s, def.id).AUTH_WEB_CLIENT_ID).toBe('xueji-api');
    const custom = synth({ manifest: appManifest, stackId: 'Xueji-webclient', context: { webClientId: 'xueji-web' } });
    expect(envOf(custom, 'System')).toMatchObject({ AUTH_WEB_CLIENT_ID: 'xueji-web', AUTH_AUDIENCE: 'xueji-api' });
  });

  it('uses the distribution as the web origin: browser-upload CORS, no API CORS, the WebUrl output', () => {
    const uploads = appManifest.buckets.filter((b) => b.browserUploads);
    expect(uploads.length).toBeGreaterThan(0);
    for (const bucket of uploads) {
      const rules = (s.json.Resources[logicalIdAt(s, `Buckets/${bucket.name.charAt(0).toUpperCase()}${bucket.name.slice(1)}/Resource`)]!.Properties!
        .CorsConfiguration as { CorsRules: { AllowedOrigins: unknown[] }[] }).CorsRules;
      expect(rules.map((r) => r.AllowedOrigins)).toEqual([[distributionOrigin(s)]]);
    }
    expect(resourcesOfType(s, 'AWS::ApiGatewayV2::Api')[0]![1].Properties?.CorsConfiguration).toBeUndefined();
    expect(s.json.Outputs?.WebUrl?.Value).toEqual(distributionOrigin(s));
  });

  it('acknowledges the missing TLS policy only because there is no custom domain, and passes cdk-nag', () => {
    expect(nagViolations(s.stack)).toEqual([]);
  });
});

describe('custom domain with an ACM certificate', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({
      manifest: appManifest,
      stackId: 'Xueji-webdomain',
      context: { webDomain: 'Xueji.Example.com', webCertificateArn: ACM_ARN, webOrigin: 'http://localhost:5173' },
    });
  });

  it('serves the domain with the certificate and TLS 1.2 (2021 policy) at least', () => {
    const config = distributionOf(s);
    expect(config.Aliases).toEqual(['xueji.example.com']);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: ACM_ARN, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(s.json.Outputs?.WebUrl?.Value).toBe('https://xueji.example.com');
  });

  it('allows the extra webOrigin by CORS on the API and the upload bucket, next to the app’s own origin', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['http://localhost:5173'],
        AllowHeaders: Match.arrayWith(['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-correlation-id']),
        ExposeHeaders: Match.arrayWith(['etag', 'location', 'retry-after', 'x-correlation-id']),
      }),
    });
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://xueji.example.com', 'http://localhost:5173'] })] },
    });
  });

  it('has no TLS finding left to acknowledge', () => {
    expect(nagViolations(s.stack)).toEqual([]);
    const acks = s.stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acks.length).toBeGreaterThan(0);
    expect(JSON.stringify(acks)).not.toContain('AwsSolutions-CFR4');
  });
});

describe('China region (cn-north-1) with an ICP-filed domain and an IAM server certificate', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({
      manifest: appManifest,
      stackId: 'Xueji-webcn',
      env: { region: 'cn-north-1' },
      context: { webDomain: 'xueji.example.cn', webCertificateArn: IAM_CERTIFICATE_ID },
    });
  });

  it('serves the domain with the IAM certificate (CloudFront China has no ACM) and TLS 1.2 at least', () => {
    const config = distributionOf(s);
    expect(config.Aliases).toEqual(['xueji.example.cn']);
    expect(config.ViewerCertificate).toEqual({ IamCertificateId: IAM_CERTIFICATE_ID, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(config.HttpVersion).toBe('http2');
    expect(s.json.Outputs?.WebUrl?.Value).toBe('https://xueji.example.cn');
  });

  it('reads the bucket through an origin access identity: no origin access control or CloudFront Function there', () => {
    expect(resourcesOfType(s, 'AWS::CloudFront::OriginAccessControl')).toEqual([]);
    expect(resourcesOfType(s, 'AWS::CloudFront::Function')).toEqual([]);
    const s3Origin = originOf(s, distributionOf(s).DefaultCacheBehavior);
    expect(JSON.stringify(s3Origin.S3OriginConfig?.OriginAccessIdentity)).toContain('origin-access-identity/cloudfront/');
    expect(s3Origin.OriginAccessControlId).toBeUndefined();
    expect(resourcesOfType(s, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toHaveLength(1);
  });

  it('uses the legacy cache settings: nothing cached under /v1/*, the API’s headers forwarded, never Host', () => {
    const config = distributionOf(s);
    expect(config.DefaultCacheBehavior).toMatchObject({ MinTTL: 0, ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } } });
    expect(config.DefaultCacheBehavior.CachePolicyId).toBeUndefined();
    const api = apiBehavior(s);
    expect(api).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 0, ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: expect.arrayContaining(['POST', 'DELETE']) });
    expect(api.CachePolicyId).toBeUndefined();
    expect(api.OriginRequestPolicyId).toBeUndefined();
    expect(api.ForwardedValues?.QueryString).toBe(true);
    expect(api.ForwardedValues?.Headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'if-match', 'idempotency-key']));
    expect(api.ForwardedValues?.Headers?.map((h) => h.toLowerCase())).not.toContain('host');
    expect(originOf(s, api).DomainName).toEqual({
      'Fn::Join': ['', [{ Ref: logicalIdAt(s, 'Api/HttpApi/Resource') }, '.execute-api.cn-north-1.', { Ref: 'AWS::URLSuffix' }]],
    });
  });

  it('keeps the security headers, and uploads the sign-in paths as HTML copies of index.html', () => {
    expect(distributionOf(s).DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: logicalIdAt(s, 'Web/SecurityHeaders/Resource') });
    expect(distributionOf(s).CustomErrorResponses).toBeUndefined();
    const copies = s.json.Resources[logicalIdAt(s, 'Web/DeployPageCopies/CustomResource-512MiB/Default')]!.Properties!;
    expect(copies).toMatchObject({
      Include: ['auth/callback', 'login'],
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'content-type': 'text/html; charset=utf-8', 'cache-control': PAGES_CACHE_CONTROL },
    });
    const pages = s.json.Resources[logicalIdAt(s, 'Web/DeployPages/CustomResource-512MiB/Default')]!.Properties!;
    expect(pages.Exclude).toEqual(['assets/*', 'auth/callback', 'login']);
  });

  it('stays in the aws-cn partition and passes cdk-nag (origin access identity acknowledged)', () => {
    expect(JSON.stringify(s.json)).not.toContain('arn:aws:');
    expect(nagViolations(s.stack)).toEqual([]);
  });

  it('without a domain, hosts no web app and says why (CloudFront China serves only ICP-filed domains)', () => {
    const bare = synth({ manifest: appManifest, stackId: 'Xueji-webcn-bare', env: { region: 'cn-north-1' } });
    expect(resourcesOfType(bare, 'AWS::CloudFront::Distribution')).toEqual([]);
    expect(bare.stack.web).toBeUndefined();
    Annotations.fromStack(bare.stack).hasWarning('/Xueji-webcn-bare', Match.stringLikeRegexp('ICP-filed domain'));
  });

  it('refuses an ACM certificate there', () => {
    expect(() =>
      synth({ manifest: appManifest, stackId: 'Xueji-webcn-acm', env: { region: 'cn-north-1' }, context: { webDomain: 'xueji.example.cn', webCertificateArn: ACM_ARN } }),
    ).toThrow(/no ACM certificates/);
  });
});

describe('cognito=true: the web client signs in with the authorization code flow and PKCE', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ manifest: appManifest, stackId: 'Xueji-webcognito', context: { cognito: 'true', stage: 'test' } });
  });

  it('a public client (no secret) with the code flow, coming back to <origin>/auth/callback and /login', () => {
    const suffixed = (path: string) => distributionOrigin(s, path);
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayEquals(['openid', 'profile', 'email']),
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [suffixed('/auth/callback')],
      LogoutURLs: [suffixed('/login')],
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
    });
  });

  it('has a hosted sign-in domain, unique per account and stage, and hands the client id to the handlers', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['xueji-test-', { Ref: 'AWS::AccountId' }]] },
      UserPoolId: { Ref: logicalIdAt(s, 'Auth/UserPool/Resource') },
    });
    const client = { Ref: logicalIdAt(s, 'Auth/UserPool/WebClient/Resource') };
    expect(envOf(s, 'System')).toMatchObject({ AUTH_WEB_CLIENT_ID: client, AUTH_AUDIENCE: client });
    expect(s.json.Outputs?.SignInDomain).toBeDefined();
    expect(nagViolations(s.stack)).toEqual([]);
  });

  it('takes the domain prefix from context', () => {
    const custom = synth({ manifest: appManifest, stackId: 'Xueji-webcognito2', context: { cognito: 'true', cognitoDomainPrefix: 'jiangsu-xueji' } });
    custom.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'jiangsu-xueji' });
  });
});

describe('bundled: the synthesis runs `vite build` into the asset both deployments upload', () => {
  // Only the System function, so the handlers' build stays small; the web build is the point here.
  const manifest: AppManifest = { ...appManifest, functions: appManifest.functions.filter((f) => f.id === 'System') };

  const assetDirOf = (s: Synthesized, deployment: string): string => {
    const asset = s.stack.node.findChild('Web').node.findChild(deployment).node.findChild('Asset1');
    const staging = asset.node.findChild('Stage') as unknown as { absoluteStagedPath: string };
    return staging.absoluteStagedPath;
  };

  it('stages the built app (index.html referencing hashed assets), one build for both deployments', () => {
    const s = synth({ manifest, bundle: true, stackId: 'Xueji-webbundle' });
    const dir = assetDirOf(s, 'DeployAssets');
    expect(assetDirOf(s, 'DeployPages')).toBe(dir);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script type="module"[^>]*src="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    for (const file of scripts) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(readdirSync(join(dir, 'assets')).some((f) => f.endsWith('.css'))).toBe(true);
    expect(existsSync(join(dir, '.vite'))).toBe(false);
    expect(existsSync(join(dir, 'login'))).toBe(false);
  });

  it('in a China region, adds the sign-in paths as copies of index.html', () => {
    const s = synth({
      manifest,
      bundle: true,
      stackId: 'Xueji-webbundlecn',
      env: { region: 'cn-northwest-1' },
      context: { webDomain: 'xueji.example.cn', webCertificateArn: IAM_CERTIFICATE_ID },
    });
    const dir = assetDirOf(s, 'DeployPageCopies');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(readFileSync(join(dir, 'login'), 'utf8')).toBe(html);
    expect(readFileSync(join(dir, 'auth', 'callback'), 'utf8')).toBe(html);
  });
});
