// Deployed sign-in, proven in a real browser against a real OpenID provider (oidc-provider, in
// this process) and a local stack started in OIDC mode, as a deployment signs in: the login page
// offers the issuer, the authorization code flow with PKCE comes back through /auth/callback, the
// API verifies the issuer's JWT access tokens through its JWKS, the token is renewed in the
// background with the refresh token, a token the API refuses sends the user back to log in, and
// logging out ends the issuer's session too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { spawnStack, type RunningStack } from '#local/child-stack.ts';
import { freePort } from '#local/free-port.ts';
import { openApp, screenshot } from '../support/browser.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

const CLIENT_ID = 'xueji-web';
const AUDIENCE = 'xueji-api';
// The app renews 60 s before expiry: this token is renewed 10 s after it was issued.
const TOKEN_TTL_SECONDS = 70;
const REGISTRAR = 'registrar-th-shiyan';
const SCHOOL = '广州市天河区第一实验小学';

let issuer: TestIssuer | undefined;
let stack: RunningStack | undefined;
let appUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // The issuer registers the app's redirect URIs, so the app's address is chosen first.
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  issuer = await startTestIssuer({ appUrl, clientId: CLIENT_ID, audience: AUDIENCE, accessTokenTtlSeconds: TOKEN_TTL_SECONDS });
  stack = await spawnStack({ port, seedStudents: 36, env: { OIDC_ISSUER: issuer.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_AUDIENCE: AUDIENCE } });
});

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await stack?.dispose();
  await issuer?.stop();
});

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/** The access token oidc-client-ts keeps for the page (sessionStorage), if any. */
const storedToken = (page: Page) =>
  page.evaluate((key) => (JSON.parse(sessionStorage.getItem(key) ?? 'null') as { access_token: string } | null)?.access_token, `oidc.user:${issuer!.issuer}:${CLIENT_ID}`);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('a local stack signing in with an OpenID provider', () => {
  it('answers as deployed: the issuer in its auth config, no demo login', async () => {
    const config = await fetch(`${appUrl}/v1/auth/config`);
    expect(await config.json()).toEqual({ mode: 'oidc', issuer: issuer!.issuer, clientId: CLIENT_ID, scope: 'openid profile' });
    const devUsers = await fetch(`${appUrl}/v1/auth/dev-users`);
    const devLogin = await fetch(`${appUrl}/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: REGISTRAR }) });
    for (const answer of [devUsers, devLogin]) {
      expect(answer.status).toBe(404);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('signs in through the provider, renews the token silently, sends a refused token back to the login, and signs out at the provider', async () => {
    const { page, context } = await openApp('desktop');
    contexts.push(context);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });

    // The login page offers the provider's sign-in, no demo users.
    await page.goto(`${appUrl}/students`);
    await page.waitForURL(`${appUrl}/login?from=%2Fstudents`);
    await page.getByText('使用本省统一身份认证账号登录。').waitFor();
    expect(await page.getByTestId(`login-${REGISTRAR}`).count()).toBe(0);
    await screenshot(page, 'oidc-login', 'desktop');

    // The provider's own page; back through /auth/callback to where the user was going.
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${issuer!.issuer}/interaction/**`);
    await screenshot(page, 'oidc-provider-login', 'desktop');
    const me = page.waitForResponse(`${appUrl}/v1/me`);
    await page.getByLabel('用户名').fill(REGISTRAR);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${appUrl}/students`);
    expect(visited.some((url) => url.startsWith(`${appUrl}/auth/callback?`))).toBe(true);
    expect(await page.getByTestId('current-user').textContent()).toContain(SCHOOL);
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'oidc-students', 'desktop');

    // The API took the provider's JWT access token, verified through the provider's JWKS.
    const first = await storedToken(page);
    expect((await me).status()).toBe(200);
    expect((await me).request().headers().authorization).toBe(`Bearer ${first}`);
    expect(claimsOf(first!)).toMatchObject({ iss: issuer!.issuer, aud: AUDIENCE, sub: `local|${REGISTRAR}` });
    // As deployed, an account for this issuer needs the subject it will sign in with.
    const meBody = (await (await me).json()) as { orgId: string };
    const noSubject = await fetch(`${appUrl}/v1/users`, {
      method: 'POST',
      headers: { ...bearer(first!), 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'oidc-teacher', role: 'teacher', orgId: meBody.orgId, displayName: '测试教师' }),
    });
    expect(noSubject.status).toBe(400);
    expect(((await noSubject.json()) as { error: { fields: { path: string }[] } }).error.fields.map((field) => field.path)).toEqual(['subject']);

    // Renewed in the background with the refresh token, without leaving or redrawing the page
    // (the list on screen stays the same element); the next call carries the new token and is
    // answered.
    const signedInAt = visited.length;
    await page.locator('.ant-table').evaluate((table) => table.setAttribute('data-before-renewal', ''));
    const refresh = await page.waitForRequest((request) => request.url() === issuer!.tokenEndpoint && new URLSearchParams(request.postData() ?? '').get('grant_type') === 'refresh_token', {
      timeout: TOKEN_TTL_SECONDS * 1000,
    });
    expect((await refresh.response())?.status()).toBe(200);
    await page.waitForFunction(([key, old]) => (JSON.parse(sessionStorage.getItem(key!) ?? 'null') as { access_token?: string } | null)?.access_token !== old, [`oidc.user:${issuer!.issuer}:${CLIENT_ID}`, first]);
    const renewed = await storedToken(page);
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(first);
    expect(await page.locator('.ant-table[data-before-renewal]').count()).toBe(1);
    const answered = page.waitForResponse((response) => response.url().startsWith(`${appUrl}/v1/`) && response.request().headers().authorization === `Bearer ${renewed}`);
    await page.getByRole('menuitem', { name: '首页' }).click();
    expect((await answered).status()).toBe(200);
    await page.getByTestId('pending-corrections').waitFor();
    expect(visited.slice(signedInAt).filter((url) => !url.startsWith(appUrl))).toEqual([]);

    // A token the API refuses (here: its subject changed, so its signature no longer holds) ends
    // the session: back to the login, saying why, and the refused token is not kept.
    await page.route(`${appUrl}/v1/**`, (route) => {
      const headers = route.request().headers();
      if (!headers.authorization) return route.continue();
      const [header, , signature] = headers.authorization.replace(/^Bearer /, '').split('.');
      const forged = Buffer.from(JSON.stringify({ ...claimsOf(headers.authorization), sub: 'local|sheng-admin' })).toString('base64url');
      return route.continue({ headers: { ...headers, ...bearer(`${header}.${forged}.${signature}`) } });
    });
    await page.goto(`${appUrl}/corrections`);
    await page.waitForURL(`${appUrl}/login?expired=1&from=%2Fcorrections`);
    await page.getByText('登录已失效，请重新登录').waitFor();
    await page.unroute(`${appUrl}/v1/**`);
    expect(await storedToken(page)).toBeUndefined();
    await screenshot(page, 'oidc-expired', 'desktop');

    // Signing in again: the provider still knows the user, so no password page this time.
    const expiredAt = visited.length;
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${appUrl}/corrections`);
    expect(visited.slice(expiredAt).filter((url) => url.includes('/interaction/'))).toEqual([]);
    await page.getByTestId('current-user').waitFor();

    // Logging out ends the provider's session and comes back to the login.
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(`${issuer!.issuer}/session/end**`);
    await screenshot(page, 'oidc-provider-logout', 'desktop');
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(`${appUrl}/login`);
    expect(await storedToken(page)).toBeUndefined();

    // A page opened now needs signing in, and the provider asks who it is again.
    await page.goto(`${appUrl}/students`);
    await page.waitForURL(`${appUrl}/login?from=%2Fstudents`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${issuer!.issuer}/interaction/**`);
    await page.getByLabel('用户名').waitFor();
  });

  it('refuses to start when the issuer cannot be reached, saying so', async () => {
    const closed = await freePort();
    await expect(spawnStack({ env: { OIDC_ISSUER: `http://127.0.0.1:${closed}`, OIDC_CLIENT_ID: CLIENT_ID } })).rejects.toThrow(/读不到 OIDC_ISSUER 的发现文档/);
  });
});
