// The web app, hosted: the Vite build in a private S3 bucket behind a CloudFront distribution that
// also routes `/v1/*` to the HTTP API, so the browser talks to one origin and never needs CORS.
//
// - Bucket: private (public access blocked, TLS only), SSE-S3, versioned, server access logs to
//   the stack's access-log bucket, retained. SSE-S3 and not the data key: the files are the public
//   app that every visitor downloads, so a customer key protects nothing, while it would need a key
//   policy statement for CloudFront (and China's origin access identity cannot read KMS objects).
// - Files: `vite build` (web-app-build.ts) runs as a CDK local bundler, so the bundling switch skips
//   it like the handlers' build. Two deployments of that one asset: `assets/*` (hashed names, cached
//   for a year, never pruned so a page open during a deployment still finds its lazy chunks), then
//   everything else (index.html, favicon: `no-cache`, pruned).
// - Distribution: the S3 origin through origin access control; HTTPS only (HTTP redirects), HTTP/2
//   and 3, compressed, cached by the objects' Cache-Control; the security headers of
//   local/web-app.ts (CSP, nosniff, frame DENY, referrer policy, permissions policy) plus HSTS.
//   Page paths (no file extension in the last segment) are rewritten to /index.html by a
//   CloudFront Function on the default behaviour only: custom error responses would apply to every
//   origin and turn the API's own 403 and 404 answers into the app's index.html.
//   `/v1/*` goes to the API: all methods, no caching, every viewer header but Host forwarded,
//   HTTPS (TLS 1.2) to the origin, and no response headers policy (the API sets its own headers).
//   Standard logs go to the access-log bucket (`cloudfront/`).
// - Custom domain (`webDomain` + `webCertificateArn`): an alias with an ACM certificate from
//   us-east-1 and TLS 1.2 (2021 policy) at least. Without one, the distribution's own
//   *.cloudfront.net name and certificate (TLS 1.0 allowed by CloudFront's default policy).
// - China regions (stack pinned to cn-*): CloudFront needs an ICP-filed domain there and takes no
//   ACM certificates, so `webDomain` and an IAM server certificate ID are required (without them no
//   web hosting is created, and synthesis says so). CloudFormation in the China regions has no
//   origin access control and no CloudFront Functions (CDK's CloudFormation validation, which runs
//   on every synthesis, knows the regions' resource types), and CloudFront China has refused cache
//   policies (aws/aws-cdk#31033): there the S3 origin uses an origin access identity, the behaviours
//   the legacy TTL and forwarded-values settings, and HTTP/2. Without a function the page paths have
//   no fallback: the sign-in paths (/auth/callback, /login) are uploaded as copies of index.html, and
//   any other page path opens only from within the app (a reload there answers 403). Custom error
//   responses are not used, there either: they would answer the API's 403 and 404 too.
//   See infra/README.md.
import { Annotations, AssetHashType, Duration, Names, RemovalPolicy, Stack, Token, type ILocalBundling } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WEB_SECURITY_HEADERS } from '#local/web-app.ts';
import { CORS } from '#shared/http/cors.ts';
import { LOG_RETENTION } from './app-function.ts';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from './api-auth.ts';
import type { AppHttpApi } from './http-api.ts';
import { buildWebApp, WEB_ROOT } from './web-app-build.ts';
import { acknowledge } from '../nag.ts';

export interface WebHostingProps {
  /** The HTTP API served at `/v1/*`; none when the manifest deploys no route. */
  api: AppHttpApi | undefined;
  /** Receives the bucket's server access logs and the distribution's standard logs. */
  accessLogs: s3.IBucket;
  /** Custom domain (alias) of the distribution; needs `certificate`. */
  domain: string | undefined;
  /** ACM certificate ARN (us-east-1), or an IAM server certificate ID (China regions). */
  certificate: string | undefined;
}

/** The API's path on the distribution: everything under it goes to the HTTP API. */
export const API_PATH_PATTERN = '/v1/*';

/** Hashed file names: cached for a year by CloudFront and browsers. */
export const ASSETS_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: revalidated on every load. */
export const PAGES_CACHE_CONTROL = 'no-cache';

/** HSTS: a year; the web app's host only. */
const HSTS_MAX_AGE = Duration.days(365);

/**
 * The single-page-app fallback, on the default (S3) behaviour only: a path whose last segment has
 * no dot is one of the app's pages (/, /login, /students/2144…), answered with /index.html, where
 * the router takes over; files keep their path, so a missing asset stays an error.
 */
export const SPA_ROUTING_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('.', uri.lastIndexOf('/') + 1) === -1) request.uri = '/index.html';
  return request;
}`;

/** Page paths served as copies of index.html where no function rewrites them (China): sign-in's. */
export const CHINA_PAGE_COPIES: readonly string[] = [CALLBACK_PATH, SIGNED_OUT_PATH].map((path) => path.replace(/^\//, ''));

/** True when the stack is pinned to a region of the China partition. */
export function isChinaRegion(scope: Construct): boolean {
  const region = Stack.of(scope).region;
  return !Token.isUnresolved(region) && region.startsWith('cn-');
}

/** Whether the certificate setting is an ACM ARN (else an IAM server certificate ID). */
const isAcmArn = (certificate: string) => certificate.startsWith('arn:');

export class WebHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** The web app's origin: `https://<webDomain>`, or the distribution's own domain (a token). */
  readonly origin: string;

  /**
   * The web hosting, or undefined in a China region without a domain and certificate (CloudFront
   * China serves nothing on its own domain); synthesis then warns.
   */
  static create(scope: Construct, id: string, props: WebHostingProps): WebHosting | undefined {
    if (isChinaRegion(scope) && (props.domain === undefined || props.certificate === undefined)) {
      Annotations.of(scope).addWarningV2(
        'xueji:web-hosting-needs-icp-domain',
        'No web hosting: CloudFront in the China regions serves only an ICP-filed domain with its certificate. ' +
          'Deploy with -c webDomain=<domain> -c webCertificateArn=<IAM server certificate ID> (infra/README.md).',
      );
      return undefined;
    }
    return new WebHosting(scope, id, props);
  }

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const china = isChinaRegion(this);
    const { domain, certificate } = props;
    if ((domain === undefined) !== (certificate === undefined)) {
      throw new Error('A custom web domain needs its certificate, and a certificate its domain');
    }
    if (china && (domain === undefined || certificate === undefined)) {
      throw new Error('CloudFront in the China regions needs an ICP-filed webDomain and its webCertificateArn');
    }
    if (china && certificate !== undefined && isAcmArn(certificate)) {
      throw new Error(
        'CloudFront in the China regions takes no ACM certificates: upload the certificate to IAM ' +
          '(path /cloudfront/) and set webCertificateArn to its server certificate ID',
      );
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Each deployment overwrites index.html: its old versions are no use after a month.
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${Names.uniqueResourceName(this, { maxLength: 80 })}-security-${Stack.of(this).region}`,
      comment: 'Security headers of the xueji web app (local/web-app.ts WEB_SECURITY_HEADERS)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: securityHeader('content-security-policy'), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: referrerPolicy(securityHeader('referrer-policy')), override: true },
        strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: securityHeader('permissions-policy'), override: true }],
      },
    });
    // No CloudFront Functions in the China regions (see above).
    const spaRouting = china
      ? undefined
      : new cloudfront.Function(this, 'SpaRouting', {
          comment: 'Answers the web app page paths with /index.html',
          code: cloudfront.FunctionCode.fromInline(SPA_ROUTING_CODE),
          runtime: cloudfront.FunctionRuntime.JS_2_0,
        });

    const acmCertificate =
      certificate !== undefined && isAcmArn(certificate)
        ? acm.Certificate.fromCertificateArn(this, 'Certificate', certificate)
        : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'xueji web app, and the API at /v1/*',
      defaultRootObject: 'index.html',
      httpVersion: china ? cloudfront.HttpVersion.HTTP2 : cloudfront.HttpVersion.HTTP2_AND_3,
      domainNames: domain !== undefined ? [domain] : undefined,
      certificate: acmCertificate,
      minimumProtocolVersion: acmCertificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: china
          ? origins.S3BucketOrigin.withOriginAccessIdentity(this.bucket)
          : origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        compress: true,
        // Honours the objects' Cache-Control (a year for assets/*, no-cache for index.html).
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: spaRouting
          ? [{ function: spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }]
          : undefined,
      },
      additionalBehaviors: props.api
        ? {
            [API_PATH_PATTERN]: {
              origin: new origins.HttpOrigin(props.api.domainName, {
                protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
                originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
              }),
              viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
              allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
              cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
              compress: true,
              cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
              // API Gateway routes by its own host name, so the viewer's Host must not reach it. With
              // caching disabled this policy forwards Authorization too (no cache key to protect).
              originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            },
          }
        : undefined,
    });
    const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    if (certificate !== undefined && !acmCertificate) {
      // An IAM server certificate, which cloudfront.Distribution does not take (it knows only ACM).
      const config = cfn.distributionConfig as cloudfront.CfnDistribution.DistributionConfigProperty;
      cfn.distributionConfig = {
        ...config,
        viewerCertificate: {
          iamCertificateId: certificate,
          sslSupportMethod: cloudfront.SSLMethod.SNI,
          minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        },
      };
    }
    if (china) useLegacyCacheSettings(cfn, props.api !== undefined);
    this.origin = domain !== undefined ? `https://${domain}` : `https://${this.distribution.distributionDomainName}`;

    const deployment = this.deployApp(china ? CHINA_PAGE_COPIES : []);
    this.acknowledgeFindings(domain !== undefined, china, deployment.role, deployment.assetBucket);
  }

  /**
   * Uploads the build: hashed assets first (kept), then index.html and the rest (pruned), and the
   * copies of index.html at `pageCopies` (China: no function to rewrite page paths) as HTML.
   */
  private deployApp(pageCopies: readonly string[]): { role: iam.Role; assetBucket: s3.IBucket } {
    const source = s3deploy.Source.asset(WEB_ROOT, {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Required by the type, never run: the local bundler always succeeds or throws.
        image: lambda.Runtime.NODEJS_24_X.bundlingImage,
        local: new WebAppBundler(pageCopies),
      },
    });
    // The deployment handler's own role and log group: no managed policy, logs kept like the
    // handlers' (the role otherwise gets AWSLambdaBasicExecutionRole and logs forever).
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built web app into its bucket (CDK BucketDeployment)',
    });
    logGroup.grantWrite(role);

    const common = { sources: [source], destinationBucket: this.bucket, role, logGroup, memoryLimit: 512 };
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      ...common,
      include: ['assets/*'],
      exclude: ['*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(ASSETS_CACHE_CONTROL)],
    });
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      ...common,
      exclude: ['assets/*', ...pageCopies],
      prune: true,
      cacheControl: [s3deploy.CacheControl.fromString(PAGES_CACHE_CONTROL)],
    });
    pages.node.addDependency(assets);
    if (pageCopies.length > 0) {
      // Extensionless keys: S3 would serve them as binary/octet-stream without the content type.
      const copies = new s3deploy.BucketDeployment(this, 'DeployPageCopies', {
        ...common,
        exclude: ['*'],
        include: [...pageCopies],
        prune: false,
        contentType: 'text/html; charset=utf-8',
        cacheControl: [s3deploy.CacheControl.fromString(PAGES_CACHE_CONTROL)],
      });
      copies.node.addDependency(assets);
    }
    const asset = assets.node.findChild('Asset1') as s3assets.Asset;
    return { role, assetBucket: asset.bucket };
  }

  private acknowledgeFindings(customDomain: boolean, china: boolean, deploymentRole: iam.Role, assetBucket: s3.IBucket): void {
    const distribution = this.distribution;
    acknowledge(
      distribution,
      'AwsSolutions-CFR1',
      'Staff and students use the app from wherever they are (travel, study abroad); access is decided by ' +
        'sign-in and the scope checks of every API call, not by country.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR2',
      'A web ACL for CloudFront has to be created in us-east-1 (this stack deploys to the province region) ' +
        'and is billed per rule and request; the API is throttled per stage and per account, and every call ' +
        'needs a verified token. A province that buys AWS WAF attaches its ACL to this distribution.',
    );
    if (!customDomain) {
      acknowledge(
        distribution,
        'AwsSolutions-CFR4',
        'Without webDomain the distribution answers on its *.cloudfront.net name with the CloudFront default ' +
          'certificate, whose security policy cannot be chosen; set webDomain and webCertificateArn for TLS 1.2+.',
      );
    }
    if (china) {
      acknowledge(
        distribution,
        'AwsSolutions-CFR7',
        'CloudFront in the China regions has refused origin access control (AWS::CloudFront::OriginAccessControl ' +
          'unrecognized); the bucket is reached through an origin access identity instead, and stays private.',
      );
    }
    // CDK BucketDeployment's grants: read of the CDK asset (grantRead on the staging bucket) and
    // aws s3 sync into the web bucket (grantReadWrite: list, put, delete when pruning, abort uploads).
    const stack = Stack.of(this);
    const actions =
      'CDK BucketDeployment grant groups for aws s3 sync: reading the uploaded build from the CDK asset bucket, ' +
      'listing, writing, pruning (delete) and aborting multipart uploads in the web bucket; no other bucket.';
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
      acknowledge(deploymentRole, `AwsSolutions-IAM5[Action::${action}]`, actions);
    }
    const webObjects = cfnText(stack.resolve(this.bucket.arnForObjects('*')));
    acknowledge(
      deploymentRole,
      `AwsSolutions-IAM5[Resource::${webObjects}]`,
      'The deployment writes and prunes every file of the web app: all objects of the web bucket, nothing else.',
    );
    const assetObjects = cfnText(stack.resolve(assetBucket.arnForObjects('*')));
    acknowledge(
      deploymentRole,
      `AwsSolutions-IAM5[Resource::${assetObjects}]`,
      'The build is a CDK asset in the bootstrap staging bucket, whose object key changes with every build; ' +
        'CDK grants the deployment read access to that bucket (the stack cannot name the key in advance).',
    );
    // The deployment handler is a Python function that CDK ships, on the runtime CDK chooses.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        acknowledge(
          child,
          'AwsSolutions-L1',
          'The CDK BucketDeployment handler is Python code shipped with aws-cdk-lib on the runtime that version ' +
            'was tested with; it runs only during deployments and moves with aws-cdk-lib upgrades.',
        );
      }
    }
  }
}

/**
 * CloudFront China rejects cache policies (and with them origin request policies): the behaviours
 * get the legacy settings instead. S3: no query strings, cookies or headers, TTLs that honour the
 * objects' Cache-Control. API: nothing cached (TTL 0), query strings and the API's request headers
 * forwarded (not Host: API Gateway routes by its own host name).
 */
function useLegacyCacheSettings(cfn: cloudfront.CfnDistribution, withApi: boolean): void {
  cfn.addPropertyDeletionOverride('DistributionConfig.DefaultCacheBehavior.CachePolicyId');
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ForwardedValues', {
    QueryString: false,
    Cookies: { Forward: 'none' },
  });
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.MinTTL', 0);
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.DefaultTTL', 86_400);
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.MaxTTL', 31_536_000);
  if (!withApi) return;
  cfn.addPropertyDeletionOverride('DistributionConfig.CacheBehaviors.0.CachePolicyId');
  cfn.addPropertyDeletionOverride('DistributionConfig.CacheBehaviors.0.OriginRequestPolicyId');
  cfn.addPropertyOverride('DistributionConfig.CacheBehaviors.0.ForwardedValues', {
    QueryString: true,
    Cookies: { Forward: 'none' },
    Headers: [...new Set([...CORS.allowHeaders, 'accept', 'accept-language', 'origin'])],
  });
  cfn.addPropertyOverride('DistributionConfig.CacheBehaviors.0.MinTTL', 0);
  cfn.addPropertyOverride('DistributionConfig.CacheBehaviors.0.DefaultTTL', 0);
  cfn.addPropertyOverride('DistributionConfig.CacheBehaviors.0.MaxTTL', 0);
}

/** A resolved CloudFormation value as cdk-nag names it in a finding (`<Logical.Arn>`, `<AWS::Region>`). */
function cfnText(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const node = value as Record<string, unknown>;
  if (Array.isArray(node['Fn::Join'])) {
    const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(cfnText).join(delimiter);
  }
  if (node['Fn::Sub'] !== undefined) return cfnText(node['Fn::Sub']);
  if (Array.isArray(node['Fn::GetAtt'])) {
    const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
    return `<${cfnText(resource)}.${cfnText(attribute)}>`;
  }
  if (node.Ref !== undefined) return `<${cfnText(node.Ref)}>`;
  return JSON.stringify(value);
}

function securityHeader(name: string): string {
  const value = WEB_SECURITY_HEADERS[name];
  if (value === undefined) throw new Error(`local/web-app.ts WEB_SECURITY_HEADERS has no ${name}`);
  return value;
}

function referrerPolicy(value: string): cloudfront.HeadersReferrerPolicy {
  const policy = Object.values(cloudfront.HeadersReferrerPolicy).find((p) => p === value);
  if (policy === undefined) throw new Error(`CloudFront has no referrer policy "${value}"`);
  return policy;
}

/**
 * CDK's local bundler for the web app: `vite build` straight into the directory CDK stages as the
 * asset, plus copies of index.html at `pageCopies`. The deployments share one asset (same bundler,
 * same cache key): one build per synthesis. Public fields go into CDK's asset cache key.
 */
class WebAppBundler implements ILocalBundling {
  readonly project = 'web';
  readonly pageCopies: readonly string[];

  constructor(pageCopies: readonly string[]) {
    this.pageCopies = pageCopies;
  }

  tryBundle(outputDir: string): boolean {
    const started = performance.now();
    buildWebApp(outputDir);
    for (const page of this.pageCopies) {
      mkdirSync(dirname(join(outputDir, page)), { recursive: true });
      copyFileSync(join(outputDir, 'index.html'), join(outputDir, page));
    }
    process.stderr.write(`Built the web app with Vite in ${Math.round(performance.now() - started)} ms\n`);
    return true;
  }
}
