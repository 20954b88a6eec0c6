/**
 * Single sign-on in Chromium against the real server and a real oidc-provider started by the test:
 * the administrator configures the provider on the Users page, a new person logs in through the
 * button and the provider's own login form, waits for a role, is granted one, and logs in again
 * into their home; a forged callback lands on the login page with a translated message.
 */
import { translate } from '@keping/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../packages/server/test/oidc-provider.js';
import { WEB_DIST } from './global-setup.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { pageUi } from './support/ui.js';

const zh = (key: string, params: Record<string, string> = {}) => translate('zh-CN', key, params);

let server: RunningServer;
let op: TestProvider;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const ui = pageUi(() => ({ page, context, url: server.url }));

beforeAll(async () => {
  // The server seals the client secret with this key (it inherits the test's environment).
  process.env.KEPING_SECRET_KEY = 'e2e-only-secret-key-with-at-least-32-characters';
  server = await startServer(WEB_DIST);
  op = await startTestProvider(`${server.url}/api/auth/oidc/callback`);
  browser = await launchBrowser();
  context = browser.context;
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await op?.close();
  await server?.stop();
});

/** Clicks the login page's button and signs in on the provider's form (and its consent page) when asked. */
async function signInThroughProvider(login: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await ui.byTestId('login-sso').click();
  await page.waitForURL(`${op.issuer}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  // The consent page, then back to Keping.
  const consent = page.locator('button[type="submit"]');
  await consent.waitFor();
  await Promise.all([page.waitForURL(`${server.url}/**`), consent.click()]);
}

describe('single sign-on in the browser', () => {
  it('is configured by the administrator on the Users page, the secret never shown again', async () => {
    await ui.login('admin');
    await page.goto(`${server.url}/users`);
    await ui.byTestId('sso-title').waitFor();
    expect(await ui.byTestId('sso-callback').innerText()).toContain(`${server.url}/api/auth/oidc/callback`);
    await ui.byTestId('sso-issuer').fill(op.issuer);
    await ui.byTestId('sso-client-id').fill(op.clientId);
    await ui.byTestId('sso-client-secret').fill(op.clientSecret);
    await ui.byTestId('sso-display-name').fill('市统一身份认证平台');
    await ui.byTestId('sso-enabled').click();
    await ui.byTestId('sso-save').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: zh('ui.yes') }).click();
    await page.getByText(zh('sso.saved')).waitFor();
    expect(await ui.byTestId('sso-client-secret').inputValue()).toBe('');
    await page.getByText(zh('sso.clientSecretSet')).waitFor();
    expect(await page.content()).not.toContain(op.clientSecret);

    // On a phone (390 px) the setting fits, and the login page with its button does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await ui.byTestId('sso-save').waitFor();
    // (The app's header, not part of this page, is wider than a phone today; the setting itself fits.)
    const card = page.locator('.ant-card', { has: ui.byTestId('sso-title') });
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    for (const id of ['sso-issuer', 'sso-client-secret', 'sso-save']) {
      const b = await ui.byTestId(id).boundingBox();
      expect(b && b.x + b.width <= 390, id).toBe(true);
    }
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
    await ui.logout();
    await ui.byTestId('login-sso').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logs a new person in through the button; they wait for a role, are granted one, and log in again', async () => {
    op.accounts.set('wangfang', { email: 'wangfang@example.org', preferredUsername: 'wangfang', name: '王芳' });
    await page.getByRole('link', { name: zh('sso.loginButton') }).waitFor();
    await signInThroughProvider('wangfang');
    await page.waitForURL('**/pending');
    await page.getByText(zh('sso.pendingTitle')).waitFor();
    await page.getByText(zh('sso.pendingText', { name: '王芳' })).waitFor();
    await ui.logout();

    await ui.login('admin');
    await page.goto(`${server.url}/users`);
    await ui.byTestId('users-pending').waitFor();
    await ui.byTestId('user-grant-wangfang').click();
    await ui.pick('grant-role-select', zh('role.staff'));
    await ui.byTestId('grant-role-submit').click();
    await page.getByText(zh('sso.granted')).waitFor();
    await ui.logout();

    await context.clearCookies();
    await signInThroughProvider('wangfang');
    await page.waitForURL('**/organisations');
    await ui.byTestId('logout').waitFor();
    expect(await page.locator('header, .ant-layout-header').first().innerText()).toContain('王芳');
  });

  it('sends a forged answer back to the login page with a translated message', async () => {
    await context.clearCookies();
    await page.goto(`${server.url}/api/auth/oidc/callback?code=forged&state=forged`);
    await page.waitForURL('**/login?sso_error=*');
    expect(await ui.byTestId('login-error').innerText()).toContain(zh('errors.SSO_STATE_INVALID'));
  });
});
