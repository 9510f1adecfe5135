// Verifies a caller's bearer token against the configured OIDC issuer's JWKS. Runs inside every
// handler, so tokens are checked the same way in every region and locally.
import { createRemoteJWKSet, jwtVerify, errors, type JWTPayload } from 'jose';

let keySet: ReturnType<typeof createRemoteJWKSet> | undefined;

function jwks(): ReturnType<typeof createRemoteJWKSet> {
  const url = process.env.AUTH_JWKS_URL;
  if (!url) throw new Error('AUTH_JWKS_URL is not set');
  keySet ??= createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
  return keySet;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

// ID tokens name their audience in `aud`; Cognito access tokens carry `client_id` instead.
function audienceMatches(payload: JWTPayload, audience: string | undefined): boolean {
  if (!audience) return true;
  const aud = payload.aud;
  if (aud === audience || (Array.isArray(aud) && aud.includes(audience))) return true;
  return aud === undefined && payload.client_id === audience;
}

/** Longest token lifetime accepted (AUTH_MAX_TOKEN_LIFETIME_SECONDS, default 12 h): a leaked token stays useful no longer. */
const maxLifetimeSeconds = (): number => Number(process.env.AUTH_MAX_TOKEN_LIFETIME_SECONDS) || 12 * 60 * 60;

/** Returns the verified claims, or throws InvalidTokenError for any token a caller may send. */
export async function verifyBearer(authorization: string | undefined): Promise<JWTPayload & { sub: string }> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) throw new InvalidTokenError('missing bearer token');
  try {
    const { payload } = await jwtVerify(match[1], jwks(), {
      issuer: process.env.AUTH_ISSUER,
      algorithms: ['RS256', 'ES256'],
      clockTolerance: 5,
      // A token without an expiry would be valid forever.
      requiredClaims: ['exp'],
    });
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError('token has no subject');
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
    if (payload.exp! - issuedAt > maxLifetimeSeconds()) throw new InvalidTokenError('token lifetime exceeds the maximum');
    if (!audienceMatches(payload, process.env.AUTH_AUDIENCE)) throw new InvalidTokenError('token is for another audience');
    return payload as JWTPayload & { sub: string };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof InvalidTokenError) {
      throw new InvalidTokenError(error.message);
    }
    throw error;
  }
}
