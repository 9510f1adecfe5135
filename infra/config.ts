// Deployment settings, read once from CDK context (cdk.json or `-c key=value`). Every value has a
// default so `cdk synth` works offline with no context at all; the defaults are placeholders that
// a real deployment overrides (see the table in infra/README.md).
import type { Node } from 'constructs';
import * as z from 'zod/mini';
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
  /** The web UI's origin, allowed by CORS on the API and on browser-upload buckets. */
  webOrigin: string;
  /** LOG_LEVEL of every handler. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Steady-state requests per second and burst of the API's default stage. */
  throttleRateLimit: number;
  throttleBurstLimit: number;
  /** The province's own record fields (非基础学籍信息), as JSON for the handlers. */
  provinceFields: string;
  /** Tokens with a longer lifetime (exp - iat) are refused. */
  maxTokenLifetimeHours: number;
  /** Per-user lookup limits (enrolment, search by ID), "count/seconds" windows. */
  lookupRateLimit: string;
}

/** Used when no issuer is configured: a reserved name, so no real token ever verifies. */
export const PLACEHOLDER_ISSUER = 'https://issuer.example.invalid';
export const PLACEHOLDER_AUDIENCE = 'xueji-api';
export const PLACEHOLDER_WEB_ORIGIN = 'https://web.example.invalid';

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

  const webOrigin = text('webOrigin') ?? PLACEHOLDER_WEB_ORIGIN;
  if (!isOrigin(webOrigin)) {
    throw new Error(`Context "webOrigin" must be an origin such as https://xueji.example.cn, got "${webOrigin}"`);
  }

  const logLevel = (text('logLevel') ?? 'INFO').toUpperCase();
  if (!isLogLevel(logLevel)) {
    throw new Error(`Context "logLevel" must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  return {
    stage,
    cognito: flag('cognito', false),
    authIssuer,
    authAudience: text('authAudience') ?? PLACEHOLDER_AUDIENCE,
    authJwksUrl,
    webOrigin,
    logLevel,
    throttleRateLimit: count('throttleRateLimit', 50),
    throttleBurstLimit: count('throttleBurstLimit', 100),
    provinceFields: provinceFields(node.tryGetContext('provinceFields')),
    maxTokenLifetimeHours: count('maxTokenLifetimeHours', 12),
    lookupRateLimit: rateLimit(text('lookupRateLimit') ?? DEFAULT_LOOKUP_LIMITS),
  };
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

function isLogLevel(value: string): value is DeployConfig['logLevel'] {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
