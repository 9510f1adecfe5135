// The local runtime signing users in with a real OpenID Connect issuer instead of the demo users
// (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_AUDIENCE): a way to try an issuer before deploying with it.
// The issuer's discovery document is read once, at start, for its signing keys (jwks_uri): a wrong
// or unreachable issuer stops the start with a clear message instead of refusing every token later.

export interface OidcIssuerSettings {
  /** The issuer, as its tokens name it in `iss`. */
  issuer: string;
  /** The web app's client (public, authorization code + PKCE). */
  clientId: string;
  /** Expected `aud` (or Cognito's `client_id`) of access tokens; the client id when not given. */
  audience?: string | undefined;
}

const DISCOVERY_TIMEOUT_MS = 10_000;
const withoutSlash = (url: string) => url.replace(/\/+$/, '');

/** The handlers' AUTH_* settings for the issuer, from its discovery document. */
export async function oidcIssuerEnv(settings: OidcIssuerSettings): Promise<Record<string, string>> {
  const url = `${withoutSlash(settings.issuer)}/.well-known/openid-configuration`;
  let discovery: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    discovery = (await response.json()) as typeof discovery;
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new Error(`读不到 OIDC_ISSUER 的发现文档 ${url} (${reason})`, { cause: error });
  }
  const { issuer, jwks_uri: jwksUri } = discovery;
  if (typeof issuer !== 'string' || withoutSlash(issuer) !== withoutSlash(settings.issuer)) {
    throw new Error(`发现文档 ${url} 中的 issuer (${String(issuer)}) 与 OIDC_ISSUER (${settings.issuer}) 不符`);
  }
  if (typeof jwksUri !== 'string') throw new Error(`发现文档 ${url} 中没有 jwks_uri`);
  return {
    AUTH_MODE: 'oidc',
    // Spelled as the document spells it: tokens carry exactly this `iss`.
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: settings.audience ?? settings.clientId,
    AUTH_JWKS_URL: jwksUri,
    AUTH_WEB_CLIENT_ID: settings.clientId,
  };
}
