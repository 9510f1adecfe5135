// Deployed sign-in: the authorization code flow with PKCE (oidc-client-ts), the redirect coming
// back to /auth/callback; tokens renewed in the background before they expire, with the refresh
// token the code flow brought (a hidden frame would need the issuer's cookies, which browsers
// withhold from frames of another site). Loaded only when the deployment says so (GET /v1/auth/config), so the local app
// never carries it.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { AuthConfig } from './session.tsx';

export interface OidcSession {
  manager: UserManager;
  /** Redirects to the issuer's sign-out, which ends its session and comes back to /login. */
  signOut(): Promise<void>;
}

let current: OidcSession | undefined;
let signin: Promise<User> | undefined;

export function oidcSession(config: AuthConfig): OidcSession {
  if (current) return current;
  const signedOut = `${window.location.origin}/login`;
  const manager = new UserManager({
    authority: config.issuer!,
    client_id: config.clientId!,
    redirect_uri: `${window.location.origin}/auth/callback`,
    post_logout_redirect_uri: signedOut,
    response_type: 'code',
    scope: config.scope,
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  // Cognito's /logout (its end_session_endpoint) ignores the standard post_logout_redirect_uri:
  // it wants client_id and logout_uri, and without them shows an error instead of signing out.
  const cognito = new URL(config.issuer!).hostname.startsWith('cognito-idp.');
  current = {
    manager,
    signOut: () => manager.signoutRedirect(cognito ? { extraQueryParams: { client_id: config.clientId!, logout_uri: signedOut } } : {}),
  };
  return current;
}

/**
 * Redeems the code the issuer sent back, once per page load however often the callback page asks
 * (React runs effects twice in development): a code redeemed twice makes the issuer revoke the
 * tokens it gave for it.
 */
export function completeSignin(config: AuthConfig): Promise<User> {
  signin ??= oidcSession(config).manager.signinRedirectCallback();
  return signin;
}
