// The whole deployment of one province (or college), built by walking the app manifest: data key,
// tables, buckets, queues, HTTP API, the web app behind CloudFront, token issuer, one Lambda per
// deployed function, and the exchange's own keys.
// One stack on purpose: S3 notifications and Lambda permissions reference each other, which
// across stacks is a dependency cycle; data safety comes from RETAIN + deletion protection.
import { EXPORT_PREFIX } from '#shared/domain/exports/kinds.ts';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { AppManifest } from '#shared/manifest/types.ts';
import type { DeployConfig } from '../config.ts';
import { ApiAuth } from '../constructs/api-auth.ts';
import { DataTables } from '../constructs/data-tables.ts';
import { ExchangeKeys } from '../constructs/exchange-keys.ts';
import { FileBuckets } from '../constructs/file-buckets.ts';
import { AppHttpApi } from '../constructs/http-api.ts';
import { deployedFunctions, ManifestFunctions } from '../constructs/manifest-functions.ts';
import { WebHosting } from '../constructs/web-hosting.ts';
import { WorkQueues } from '../constructs/work-queues.ts';
import { assertDeployable } from '../manifest-check.ts';
import { acknowledge } from '../nag.ts';
import { pascal } from '../names.ts';
import { appVersion } from '../paths.ts';

export interface XuejiStackProps extends StackProps {
  manifest: AppManifest;
  config: DeployConfig;
}

export const SERVICE_NAME = 'xueji';

export class XuejiStack extends Stack {
  readonly tables: DataTables;
  readonly buckets: FileBuckets;
  readonly queues: WorkQueues;
  readonly auth: ApiAuth;
  readonly api: AppHttpApi | undefined;
  /** The web app behind CloudFront (with the API at /v1/*); none in a China region without webDomain. */
  readonly web: WebHosting | undefined;
  readonly functions: ManifestFunctions;
  /** The exchange's signing and encryption keys (KMS, asymmetric); none without an exchange function. */
  readonly exchangeKeys: ExchangeKeys | undefined;

  constructor(scope: Construct, id: string, props: XuejiStackProps) {
    super(scope, id, props);
    const { manifest, config } = props;
    assertDeployable(manifest);

    const key = new kms.Key(this, 'DataKey', {
      description: `Encrypts the tables, buckets and queues of ${SERVICE_NAME} (${config.stage})`,
      alias: `alias/${SERVICE_NAME}/${config.stage}/data`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.tables = new DataTables(this, 'Tables', { defs: manifest.tables, key });
    // The deployment chooses how long exports are kept (exportKeepDays): the lifecycle rule of their prefix says so.
    const buckets = manifest.buckets.map((def) => ({ ...def, expiringPrefixes: def.expiringPrefixes?.map((rule) => (rule.prefix === EXPORT_PREFIX ? { ...rule, days: config.exportKeepDays } : rule)) }));
    this.buckets = new FileBuckets(this, 'Buckets', { defs: buckets, key, replica: config.backupReplica });
    this.queues = new WorkQueues(this, 'Queues', { defs: manifest.queues, key });

    const hasRoutes = deployedFunctions(manifest).some((def) => def.triggers.some((t) => t.kind === 'http'));
    this.api = hasRoutes
      ? new AppHttpApi(this, 'Api', {
          apiName: `${SERVICE_NAME}-${config.stage}`,
          webOrigin: config.webOrigin,
          throttleRateLimit: config.throttleRateLimit,
          throttleBurstLimit: config.throttleBurstLimit,
        })
      : undefined;

    this.web = WebHosting.create(this, 'Web', {
      api: this.api,
      accessLogs: this.buckets.accessLogs,
      domain: config.webDomain,
      certificate: config.webCertificateArn,
    });
    // Where the web UI runs: the distribution (same origin as the API) and any other configured one.
    const webOrigins = [...new Set([this.web?.origin, config.webOrigin].filter((o): o is string => o !== undefined))];
    this.buckets.allowBrowserOrigins(webOrigins);
    this.auth = new ApiAuth(this, 'Auth', { config, webOrigins });

    // Seals list cursors (shared/data/cursor.ts). Resolved by CloudFormation at deployment, never
    // written into the template; in the functions' environment it is encrypted with the data key.
    const cursorKey = new secretsmanager.Secret(this, 'CursorKey', {
      description: `Seals the list cursors of ${SERVICE_NAME} (${config.stage})`,
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      cursorKey,
      'AwsSolutions-SMG4',
      'The cursor key only seals paging cursors, which expire after a day; a new key just makes open cursors restart from page one. ' +
        'Rotate it by replacing the secret (a redeploy), no rotation Lambda needed.',
    );

    this.functions = new ManifestFunctions(this, 'Functions', {
      manifest,
      tables: this.tables.byName,
      buckets: this.buckets.byName,
      queues: this.queues.byName,
      api: this.api,
      environment: {
        AUTH_ISSUER: this.auth.settings.issuer,
        AUTH_AUDIENCE: this.auth.settings.audience,
        AUTH_JWKS_URL: this.auth.settings.jwksUrl,
        AUTH_WEB_CLIENT_ID: this.auth.settings.webClientId,
        APP_VERSION: appVersion,
        SERVICE_NAME,
        LOG_LEVEL: config.logLevel,
        PROVINCE_FIELDS: config.provinceFields,
        CHANGE_RULES: config.changeRules,
        PHOTO_SPEC: config.photoSpec,
        EXPORT_KEEP_DAYS: String(config.exportKeepDays),
        AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(config.maxTokenLifetimeHours * 3600),
        RATE_LIMIT_LOOKUP: config.lookupRateLimit,
        CURSOR_KEY: cursorKey.secretValue.unsafeUnwrap(),
      },
      environmentKey: key,
      logLevel: config.logLevel,
    });
    // Only the exchange function learns the province, its peers and its keys; the changes function
    // learns the province and the peers (not the keys), as it files transfers from another province
    // and refuses one from a province that is no peer. The keys exist whether or not a province code
    // is set, so switching the exchange off and on again keeps the kids the peers know.
    const exchange = this.functions.byId.get('Exchange');
    if (exchange) {
      for (const fn of [exchange, this.functions.byId.get('Changes')]) {
        if (!fn) continue;
        if (config.provinceCode) fn.fn.addEnvironment('PROVINCE_CODE', config.provinceCode);
        fn.fn.addEnvironment('EXCHANGE_PEERS', config.exchangePeers);
      }
      this.exchangeKeys = new ExchangeKeys(this, 'ExchangeKeys', { service: SERVICE_NAME, stage: config.stage });
      this.exchangeKeys.useIn(exchange);
    }

    this.outputs();
  }

  private outputs(): void {
    if (this.web) {
      new CfnOutput(this, 'WebUrl', { value: this.web.origin, description: 'The web app (and the API under /v1/)' });
      new CfnOutput(this, 'WebDistributionDomain', {
        value: this.web.distribution.distributionDomainName,
        description: 'Point the webDomain CNAME here',
      });
      new CfnOutput(this, 'WebBucketName', { value: this.web.bucket.bucketName });
    }
    if (this.api) new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Invoke URL of the HTTP API' });
    for (const [name, table] of this.tables.byName) {
      new CfnOutput(this, `${pascal(name)}TableName`, { value: table.tableName });
    }
    for (const [name, bucket] of this.buckets.byName) {
      new CfnOutput(this, `${pascal(name)}BucketName`, { value: bucket.bucketName });
    }
    for (const [name, queue] of this.queues.byName) {
      new CfnOutput(this, `${pascal(name)}QueueUrl`, { value: queue.queueUrl });
    }
    new CfnOutput(this, 'AuthIssuer', { value: this.auth.settings.issuer });
    if (this.auth.userPool && this.auth.webClient) {
      new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
      new CfnOutput(this, 'WebClientId', { value: this.auth.webClient.userPoolClientId });
    }
    if (this.auth.domain) {
      new CfnOutput(this, 'SignInDomain', { value: this.auth.domain.baseUrl(), description: 'Cognito hosted sign-in pages' });
    }
  }
}
