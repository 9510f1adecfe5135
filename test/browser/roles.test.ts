// Every role, every page its menu offers: no dead ends. Each entry opens a page with its title and
// no error (a 403 or 404 behind a menu entry means the menu offers what the role may not do).
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openApp, screenshot, signIn } from '../support/browser.ts';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

const ROLES = [
  { username: 'sheng-admin', name: 'province' },
  { username: 'gz-admin', name: 'city' },
  { username: 'tianhe-admin', name: 'county' },
  { username: 'registrar-th-shiyan', name: 'registrar' },
  { username: 'teacher-th-shiyan', name: 'teacher' },
  { username: 'advisor-th-shiyan', name: 'advisor' },
  { username: 'student-th-shiyan', name: 'student' },
];

/** The leaf entries of the side menu, opening closed groups first. */
async function menuEntries(page: Page): Promise<string[]> {
  const menu = page.locator('.ant-layout-sider .ant-menu-root');
  await menu.waitFor();
  const closed = menu.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
  while ((await closed.count()) > 0) await closed.first().click();
  return (await menu.locator('.ant-menu-item').allTextContents()).map((text) => text.trim());
}

/** The page settled: its main title shown and nothing loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h3, .ant-layout-content h3, .ant-layout-content h2').first().waitFor();
  await page.locator('.ant-skeleton, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 });
}

describe('every role', () => {
  it.each(ROLES)('$name: home and each menu entry open without an error', async ({ username, name }) => {
    const { page, context, url } = await openApp('desktop');
    contexts.push(context);
    await signIn(page, url, username);
    await settled(page);
    await screenshot(page, `home-${name}`, 'desktop');
    const entries = await menuEntries(page);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      await page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: entry }).first().click();
      await settled(page);
      const errors = await page.locator('.ant-result-403, .ant-result-404, .ant-result-500, .ant-result-warning').count();
      expect(errors, `${username} → ${entry} (${page.url()})`).toBe(0);
    }
  });
});
