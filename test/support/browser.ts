// What browser tests share: a page of the web app at phone or desktop width, signed in as a demo
// user with one click on the login page, and screenshots people can look at afterwards
// (test-results/screenshots/, named in the README).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, inject } from 'vitest';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

export const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type Viewport = keyof typeof VIEWPORTS;

let browser: Browser | undefined;

export async function openApp(viewport: Viewport = 'desktop'): Promise<{ page: Page; context: BrowserContext; url: string }> {
  const { url, browserEndpoint } = inject('web');
  browser ??= await chromium.connect(browserEndpoint);
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, isMobile: viewport === 'phone', hasTouch: viewport === 'phone' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { page, context, url };
}

/** On the login page: one click on a demo user (opening its role's group first if closed). */
export async function pickDemoUser(page: Page, username: string): Promise<void> {
  const button = page.getByTestId(`login-${username}`);
  await page.getByTestId('login-registrar-th-shiyan').waitFor();
  const closed = page.locator('.ant-collapse-header[aria-expanded="false"]');
  while (!(await button.isVisible()) && (await closed.count()) > 0) await closed.first().click();
  await button.click();
  await page.waitForURL((target) => !target.pathname.startsWith('/login'));
}

/** Signs in as a demo user the way a person does: the login page, one click on the user. */
export async function signIn(page: Page, url: string, username: string, path = '/'): Promise<void> {
  await page.goto(`${url}/login?from=${encodeURIComponent(path)}`);
  await pickDemoUser(page, username);
}

/**
 * For a suite whose tests sign in as several users: opens a page signed in as `username` at
 * `path`, and closes every context it opened after each test.
 */
export function signedInPages(): (viewport: Viewport, username: string, path?: string) => Promise<{ page: Page; url: string }> {
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  return async (viewport, username, path = '/') => {
    const { page, context, url } = await openApp(viewport);
    contexts.push(context);
    await signIn(page, url, username, path);
    return { page, url };
  };
}

/** A full-page screenshot in test-results/screenshots/<name>-<viewport>.png. */
export async function screenshot(page: Page, name: string, viewport: Viewport): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let antd finish its transitions, so the picture shows the page at rest.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport}.png`), fullPage: true });
}
