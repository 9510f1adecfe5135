import { authConfigRoute } from '#shared/api/system.ts';
import { authMode } from '#shared/auth/auth-mode.ts';
import { httpHandler } from '#shared/http/handler.ts';

// The web app asks how to sign in: locally with the demo users, deployed (or locally with
// OIDC_ISSUER) with the issuer's authorization code flow (PKCE) for the web client. The scope
// asks for nothing beyond OpenID Connect's own: Cognito refuses scopes its client does not allow.
export const handler = httpHandler(authConfigRoute, async () => ({
  body:
    authMode() === 'local'
      ? { mode: 'local' as const, scope: 'openid' }
      : { mode: 'oidc' as const, issuer: process.env.AUTH_ISSUER, clientId: process.env.AUTH_WEB_CLIENT_ID ?? process.env.AUTH_AUDIENCE, scope: 'openid profile' },
}));
