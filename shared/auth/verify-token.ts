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

/** Returns the verified claims, or throws InvalidTokenError for any token a caller may send. */
export async function verifyBearer(authorization: string | undefined): Promise<JWTPayload & { sub: string }> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) throw new InvalidTokenError('missing bearer token');
  try {
    const { payload } = await jwtVerify(match[1], jwks(), {
      issuer: process.env.AUTH_ISSUER,
      algorithms: ['RS256', 'ES256'],
      clockTolerance: 5,
    });
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError('token has no subject');
    if (!audienceMatches(payload, process.env.AUTH_AUDIENCE)) throw new InvalidTokenError('token is for another audience');
    return payload as JWTPayload & { sub: string };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof InvalidTokenError) {
      throw new InvalidTokenError(error.message);
    }
    throw error;
  }
}
