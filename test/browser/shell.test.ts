// The app's frame in a real browser: the login page lists the demo users by role, one click signs
// in, each role gets its menu and home page, a phone gets the menu in a drawer, and an expired
// session goes back to the login page.
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { openApp, pickDemoUser, screenshot, signIn, type Viewport } from '../support/browser.ts';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

describe.each<Viewport>(['desktop', 'phone'])('on a %s', (viewport) => {
  it('lists the demo users by role; a registrar signs in and sees its pending checks', async () => {
    const { page, context, url } = await openApp(viewport);
    contexts.push(context);
    await page.goto(`${url}/`);
    await page.waitForURL(/\/login/);
    await expect(page.getByText('本地演示：选择一个演示账号登录')).toBeDefined();
    await page.getByTestId('login-registrar-th-shiyan').waitFor();
    await screenshot(page, 'login', viewport);
    await signIn(page, url, 'registrar-th-shiyan');
    await page.getByTestId('pending-corrections').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('广州市天河区第一实验小学');
    await page.getByText('在籍学生').waitFor();
    await screenshot(page, 'home-registrar', viewport);
    if (viewport === 'phone') {
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.getByRole('menuitem', { name: '新生注册' }).waitFor();
      await screenshot(page, 'menu-registrar', viewport);
    } else {
      expect(await page.getByRole('menuitem', { name: '学生信息维护' }).isVisible()).toBe(true);
    }
  });
});

describe('sessions', () => {
  it('send a user whose token stopped working back to the login page, then back where it was', async () => {
    const { page, context, url } = await openApp('desktop');
    contexts.push(context);
    await signIn(page, url, 'tianhe-admin', '/orgs/440106');
    await page.evaluate(() => sessionStorage.setItem('xueji.token', 'expired.token.value'));
    await page.goto(`${url}/orgs/440106`);
    await page.waitForURL(/\/login\?expired=1/);
    await page.getByText('登录已失效，请重新登录').waitFor();
    await pickDemoUser(page, 'tianhe-admin');
    await page.waitForURL(/\/orgs\/440106$/);
  });
});
