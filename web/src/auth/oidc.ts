// Deployed sign-in: the authorization code flow with PKCE (oidc-client-ts), the redirect coming
// back to /auth/callback; tokens renewed in the background before they expire. Loaded only when
// the deployment says so (GET /v1/auth/config), so the local app never carries it.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AuthConfig } from './session.tsx';

export interface OidcSession {
  manager: UserManager;
}

let current: OidcSession | undefined;

export function oidcSession(config: AuthConfig): OidcSession {
  current ??= {
    manager: new UserManager({
      authority: config.issuer!,
      client_id: config.clientId!,
      redirect_uri: `${window.location.origin}/auth/callback`,
      post_logout_redirect_uri: `${window.location.origin}/login`,
      response_type: 'code',
      scope: config.scope,
      automaticSilentRenew: true,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    }),
  };
  return current;
}
