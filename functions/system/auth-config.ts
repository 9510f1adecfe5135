import { authConfigRoute } from '#shared/api/system.ts';
import { httpHandler } from '#shared/http/handler.ts';

// The web app asks how to sign in: locally with the demo users, deployed with the issuer's
// authorization code flow (PKCE) for the web client.
export const handler = httpHandler(authConfigRoute, async () => ({
  body:
    process.env.LOCAL_MODE === 'true'
      ? { mode: 'local' as const, scope: 'openid' }
      : { mode: 'oidc' as const, issuer: process.env.AUTH_ISSUER, clientId: process.env.AUTH_WEB_CLIENT_ID ?? process.env.AUTH_AUDIENCE, scope: 'openid profile' },
}));
