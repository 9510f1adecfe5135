// Deployment settings, read once from CDK context (cdk.json or `-c key=value`). Every value has a
// default so `cdk synth` works offline with no context at all; the defaults are placeholders that
// a real deployment overrides (see the table in infra/README.md).
import { EXPORT_KEEP_DAYS } from '#shared/domain/exports/kinds.ts';
import type { Node } from 'constructs';
import * as z from 'zod/mini';
import { changeRulesFrom } from '#shared/domain/changes/rules-config.ts';
import { isProvinceCode } from '#shared/domain/exchange/packet.ts';
import { peersFrom } from '#shared/domain/exchange/peers.ts';
import { photoSpecFrom } from '#shared/domain/photos/spec.ts';
import { ProvinceFieldsSchema } from '#shared/domain/province-fields.ts';
import { DEFAULT_LOOKUP_LIMITS } from '#shared/http/rate-limits.ts';

export interface DeployConfig {
  /** Names the stack (`Xueji-<stage>`); lower-case letters, digits and dashes. */
  stage: string;
  /** Create a Cognito user pool + web client and use it as the token issuer. */
  cognito: boolean;
  /** OIDC issuer of the callers' JWTs (ignored when `cognito` is true). */
  authIssuer: string;
  /** Expected `aud` (or Cognito `client_id`) of the callers' JWTs (ignored when `cognito`). */
  authAudience: string;
  /** Where the handlers fetch the issuer's signing keys (ignored when `cognito`). */
  authJwksUrl: string;
  /**
   * Pins the stack to an AWS region (otherwise environment-agnostic). A China region builds the
   * web distribution with what CloudFront China accepts (infra/constructs/web-hosting.ts).
   */
  region: string | undefined;
  /**
   * Another origin the web UI is served from (a developer's Vite server, a portal), allowed by
   * CORS on the API and on browser-upload buckets and as a sign-in redirect. The stack's own web
   * app is served next to the API (`/v1/*` through the same distribution) and needs no CORS.
   */
  webOrigin: string | undefined;
  /** The custom domain the distribution serves the web app at; required in China regions. */
  webDomain: string | undefined;
  /**
   * The certificate for `webDomain`: an ACM certificate ARN in us-east-1, or (China regions,
   * which have no ACM for CloudFront) the ID of an IAM server certificate uploaded for CloudFront.
   */
  webCertificateArn: string | undefined;
  /** The OIDC client the web app signs in with (AUTH_WEB_CLIENT_ID); defaults to authAudience. */
  webClientId: string;
  /** Prefix of the Cognito hosted sign-in domain (`cognito` only); defaults to xueji-<stage>-<account>. */
  cognitoDomainPrefix: string | undefined;
  /** LOG_LEVEL of every handler. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Steady-state requests per second and burst of the API's default stage. */
  throttleRateLimit: number;
  throttleBurstLimit: number;
  /** The province's own record fields (非基础学籍信息), as JSON for the handlers. */
  provinceFields: string;
  /** The province's approval chains, working days and holidays for status changes (CHANGE_RULES), as JSON. */
  changeRules: string;
  /** The photo specification uploads are checked against (PHOTO_SPEC): k12, graduate358 or graduate480. */
  photoSpec: string;
  /** Tokens with a longer lifetime (exp - iat) are refused. */
  maxTokenLifetimeHours: number;
  /** Days an export's file is kept in the files bucket (its lifecycle rule) and listed with a link (EXPORT_KEEP_DAYS). */
  exportKeepDays: number;
  /** Per-user lookup limits (enrolment, search by ID), "count/seconds" windows. */
  lookupRateLimit: string;
  /** Where the backups bucket is replicated (off-site copies), when set: an existing bucket in another region. */
  backupReplica: BackupReplica | undefined;
  /** The deployment's province code for the exchange between deployments (PROVINCE_CODE); none: the exchange is off. */
  provinceCode: string | undefined;
  /** The peer provinces of the exchange (EXCHANGE_PEERS), as JSON checked as the handler reads it. */
  exchangePeers: string;
}

export interface BackupReplica {
  /** The other region, e.g. cn-north-1 for a deployment in cn-northwest-1. */
  region: string;
  /** The destination bucket there: it must exist, with versioning on, before the deployment. */
  bucketName: string;
  /** The KMS key there that encrypts the replicas (the source key cannot leave its region). */
  keyArn: string;
}

/** Used when no issuer is configured: a reserved name, so no real token ever verifies. */
export const PLACEHOLDER_ISSUER = 'https://issuer.example.invalid';
export const PLACEHOLDER_AUDIENCE = 'xueji-api';

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

export function readDeployConfig(node: Node): DeployConfig {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string`);
    return value.trim();
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return fallback;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new Error(`Context "${key}" must be true or false, got ${JSON.stringify(value)}`);
  };
  const count = (key: string, fallback: number): number => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return fallback;
    const parsed = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) {
      throw new Error(`Context "${key}" must be a positive integer, got ${JSON.stringify(value)}`);
    }
    return parsed;
  };

  const stage = text('stage') ?? 'prod';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Context "stage" must match [a-z][a-z0-9-]{0,19}, got "${stage}"`);
  }

  const authIssuer = httpsUrl('authIssuer', text('authIssuer') ?? PLACEHOLDER_ISSUER).replace(/\/+$/, '');
  const authJwksUrl = httpsUrl('authJwksUrl', text('authJwksUrl') ?? `${authIssuer}/.well-known/jwks.json`);

  const region = text('region');
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new Error(`Context "region" must be an AWS region such as cn-northwest-1, got "${region}"`);
  }

  const webOrigin = text('webOrigin');
  if (webOrigin !== undefined && !isOrigin(webOrigin)) {
    throw new Error(`Context "webOrigin" must be an origin such as https://xueji.example.cn, got "${webOrigin}"`);
  }
  const webDomain = text('webDomain')?.toLowerCase();
  if (webDomain !== undefined && !isDomainName(webDomain)) {
    throw new Error(`Context "webDomain" must be a domain name such as xueji.example.cn (no scheme, no path), got "${webDomain}"`);
  }
  const webCertificateArn = text('webCertificateArn');
  if (webCertificateArn !== undefined && !isCertificate(webCertificateArn)) {
    throw new Error(
      'Context "webCertificateArn" must be an ACM certificate ARN in us-east-1 (arn:<partition>:acm:us-east-1:<account>:certificate/<id>) ' +
        `or the ID of an IAM server certificate (China regions), got "${webCertificateArn}"`,
    );
  }
  if ((webDomain === undefined) !== (webCertificateArn === undefined)) {
    throw new Error('Contexts "webDomain" and "webCertificateArn" go together: CloudFront serves a custom domain only with its certificate');
  }
  const cognitoDomainPrefix = text('cognitoDomainPrefix');
  if (cognitoDomainPrefix !== undefined && !isCognitoDomainPrefix(cognitoDomainPrefix)) {
    throw new Error(
      'Context "cognitoDomainPrefix" must be lower-case letters, digits and dashes (at most 63, not starting or ending with a dash, ' +
        `without "aws", "amazon" or "cognito"), got "${cognitoDomainPrefix}"`,
    );
  }

  const logLevel = (text('logLevel') ?? 'INFO').toUpperCase();
  if (!isLogLevel(logLevel)) {
    throw new Error(`Context "logLevel" must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const authAudience = text('authAudience') ?? PLACEHOLDER_AUDIENCE;
  return {
    stage,
    region,
    cognito: flag('cognito', false),
    authIssuer,
    authAudience,
    authJwksUrl,
    webOrigin,
    webDomain,
    webCertificateArn,
    webClientId: text('webClientId') ?? authAudience,
    cognitoDomainPrefix,
    logLevel,
    throttleRateLimit: count('throttleRateLimit', 50),
    throttleBurstLimit: count('throttleBurstLimit', 100),
    provinceFields: provinceFields(node.tryGetContext('provinceFields')),
    changeRules: changeRules(node.tryGetContext('changeRules')),
    photoSpec: photoSpec(text('photoSpec')),
    maxTokenLifetimeHours: count('maxTokenLifetimeHours', 12),
    exportKeepDays: count('exportKeepDays', EXPORT_KEEP_DAYS),
    lookupRateLimit: rateLimit(text('lookupRateLimit') ?? DEFAULT_LOOKUP_LIMITS),
    backupReplica: backupReplica(text('backupReplicaRegion'), text('backupReplicaBucket'), text('backupReplicaKeyArn'), region),
    ...exchange(text('provinceCode'), node.tryGetContext('exchangePeers')),
  };
}

/** The exchange settings: a province-level code, and the peers as a JSON string (-c exchangePeers='[...]') or an array in cdk.json. */
function exchange(provinceCode: string | undefined, peers: unknown): Pick<DeployConfig, 'provinceCode' | 'exchangePeers'> {
  if (provinceCode !== undefined && !isProvinceCode(provinceCode)) throw new Error(`Context "provinceCode" must be a province-level code such as 440000, got "${provinceCode}"`);
  if (peers === undefined || peers === null || peers === '') return { provinceCode, exchangePeers: '[]' };
  const json = typeof peers === 'string' ? peers : JSON.stringify(peers);
  try {
    peersFrom(json, provinceCode);
  } catch (error) {
    throw new Error(`Context "exchangePeers" is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { provinceCode, exchangePeers: json };
}

/** The three backupReplica* settings go together; the replica's region differs from the stack's and holds its key. */
function backupReplica(region: string | undefined, bucketName: string | undefined, keyArn: string | undefined, stackRegion: string | undefined): BackupReplica | undefined {
  if (region === undefined && bucketName === undefined && keyArn === undefined) return undefined;
  if (region === undefined || bucketName === undefined || keyArn === undefined) {
    throw new Error('Contexts "backupReplicaRegion", "backupReplicaBucket" and "backupReplicaKeyArn" go together: the region, its bucket and the KMS key there');
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new Error(`Context "backupReplicaRegion" must be an AWS region such as cn-north-1, got "${region}"`);
  if (region === stackRegion) throw new Error(`Context "backupReplicaRegion" must be another region than the stack's (${region}): the copies are kept off-site`);
  if (!/^(?!xn--)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucketName)) throw new Error(`Context "backupReplicaBucket" must be an S3 bucket name, got "${bucketName}"`);
  const keyRegion = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key\/[A-Za-z0-9-]+$/.exec(keyArn)?.[1];
  if (keyRegion !== region) {
    throw new Error(`Context "backupReplicaKeyArn" must be the ARN of a KMS key in ${region} (arn:<partition>:kms:${region}:<account>:key/<id>), got "${keyArn}"`);
  }
  return { region, bucketName, keyArn };
}

/** Accepts the definitions as a JSON string (-c provinceFields='[...]') or an array in cdk.json. */
function provinceFields(value: unknown): string {
  if (value === undefined || value === null || value === '') return '[]';
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error('Context "provinceFields" must be JSON: an array of field definitions');
    }
  }
  const result = z.safeParse(ProvinceFieldsSchema(), parsed);
  if (!result.success) throw new Error(`Context "provinceFields" is invalid: ${result.error.message}`);
  return JSON.stringify(result.data);
}

/** Accepts the overrides as a JSON string (-c changeRules='{...}') or an object in cdk.json; checked as the handlers will read them. */
function changeRules(value: unknown): string {
  if (value === undefined || value === null || value === '') return '{}';
  const json = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    changeRulesFrom(json);
  } catch (error) {
    throw new Error(`Context "changeRules" is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return json;
}

/** Checked as the photo check will read it. */
function photoSpec(value: string | undefined): string {
  const name = value ?? 'k12';
  try {
    photoSpecFrom(name);
  } catch (error) {
    throw new Error(`Context "photoSpec" is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return name;
}

function rateLimit(value: string): string {
  if (!/^\d+\/\d+(,\d+\/\d+)*$/.test(value)) throw new Error(`Context "lookupRateLimit" must be count/seconds windows such as 30/60,600/86400, got "${value}"`);
  return value;
}

function httpsUrl(key: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Context "${key}" must be a URL, got "${value}"`);
  }
  if (url.protocol !== 'https:') throw new Error(`Context "${key}" must be an https URL, got "${value}"`);
  return value;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function isDomainName(value: string): boolean {
  return value.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/.test(value);
}

/** An ACM certificate ARN (CloudFront takes only us-east-1 ones) or an IAM server certificate ID. */
function isCertificate(value: string): boolean {
  return /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(value) || /^[A-Z0-9]{16,128}$/.test(value);
}

function isCognitoDomainPrefix(value: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value) && !/aws|amazon|cognito/.test(value);
}

function isLogLevel(value: string): value is DeployConfig['logLevel'] {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
