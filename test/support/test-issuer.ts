// A real OpenID provider on this machine, for the browser test of deployed sign-in: panva's
// oidc-provider in the test process. One public web client (authorization code with PKCE), JWT
// access tokens for the API's audience that live a little over a minute (the app renews 60 s
// before expiry, so renewal happens within the test), refresh tokens for the code flow (how the
// app renews), and RP-initiated logout. Its own small sign-in page takes a demo username and
// signs in the demo account's subject (local|<username>, local/seed/demo-directory.ts); consent
// is granted as a first-party provider does (Cognito asks none).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Configuration, type JWK } from 'oidc-provider';

export interface TestIssuerOptions {
  /** The web app's origin: redirect URIs and CORS. */
  appUrl: string;
  clientId: string;
  /** The API's expected `aud`. */
  audience: string;
  accessTokenTtlSeconds: number;
}

export interface TestIssuer {
  issuer: string;
  tokenEndpoint: string;
  stop(): Promise<void>;
}

/** The API as a resource server; the web app names none, so every code flow gets this one. */
const API_RESOURCE = 'urn:xueji:api';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>` +
  '<style>body{font-family:sans-serif;max-width:360px;margin:64px auto}input,button{display:block;box-sizing:border-box;width:100%;margin:8px 0;padding:8px}</style>' +
  `</head><body><h1>测试身份提供方</h1>${body}</body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function configuration({ appUrl, clientId, audience, accessTokenTtlSeconds }: TestIssuerOptions): Configuration {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const appOrigin = new URL(appUrl).origin;
  return {
    clients: [
      {
        client_id: clientId,
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${appUrl}/auth/callback`],
        post_logout_redirect_uris: [`${appUrl}/login`],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...(privateKey.export({ format: 'jwk' }) as JWK), kid: 'test-issuer-1', alg: 'ES256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: sub.replace(/^local\|/, '') }) }),
    claims: { openid: ['sub'], profile: ['name'] },
    pkce: { required: () => true },
    // Without offline_access in the request (Cognito knows no such scope), a public web client
    // still gets a refresh token, as Cognito gives one.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin) => origin === appOrigin,
    // First-party: the scopes asked for are granted without a consent page.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ accountId: ctx.oidc.session!.accountId!, clientId: ctx.oidc.client!.clientId });
      grant.addOIDCScope(String(ctx.oidc.params!.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Grant: 3600,
      Session: 3600,
      RefreshToken: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        // The app's token requests name no resource: they get the API's token, not userinfo's.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          // No scopes: roles and scope come from the account in the app's directory.
          return { scope: '', audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page('退出登录', `${form}<p>要退出测试身份提供方吗？</p><button type="submit" form="op.logoutForm" name="logout" value="yes">退出</button>`);
        },
      },
    },
  };
}

/** Its sign-in page: a username, nothing else (the provider is a test double, not a vault). */
async function interaction(provider: Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
  if (request.method === 'POST') {
    const username = (await formBody(request)).get('username') ?? '';
    await provider.interactionFinished(request, response, { login: { accountId: `local|${username}` } }, { mergeWithLastSubmission: false });
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(
    page(
      '登录',
      `<form method="post" action="/interaction/${escapeHtml(details.uid)}"><label>用户名<input name="username" autocomplete="username" required autofocus></label><button type="submit">登录</button></form>`,
    ),
  );
}

export async function startTestIssuer(options: TestIssuerOptions): Promise<TestIssuer> {
  // The issuer names its port: listen first, then build the provider for that address.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, configuration(options));
  const handler = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!request.url?.startsWith('/interaction/')) return void handler(request, response);
    interaction(provider, request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(error instanceof Error ? error.message : String(error));
    });
  });
  return {
    issuer,
    tokenEndpoint: `${issuer}/token`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
