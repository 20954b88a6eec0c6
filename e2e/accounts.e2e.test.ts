/**
 * Accounts in Chromium against the real server: the administrator resets a password (confirmation,
 * the temporary password shown once), the user logs in with it and the app shows only the password
 * change until it is done, then the user's home.
 */
import { translate } from '@keping/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from './global-setup.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { pageUi } from './support/ui.js';

const zh = (key: string, params: Record<string, string> = {}) => translate('zh-CN', key, params);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const ui = pageUi(() => ({ page, context, url: server.url }));

beforeAll(async () => {
  server = await startServer(WEB_DIST);
  browser = await launchBrowser();
  context = browser.context;
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('accounts in the browser', () => {
  it('resets a password with a confirmation and shows the temporary one once', async () => {
    await ui.login('admin');
    await page.goto(`${server.url}/users`);
    await ui.byTestId('user-reset-auditor').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: zh('ui.yes') }).click();
    const shown = ui.byTestId('temporary-password');
    await shown.waitFor();
    const temporary = (await shown.innerText()).trim();
    expect(temporary.length).toBeGreaterThanOrEqual(16);
    await page.getByText(zh('users.mustChange')).first().waitFor();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await ui.logout();

    // The user logs in with it: only the password change is open.
    await ui.byTestId('login-username').fill('auditor');
    await ui.byTestId('login-password').fill(temporary);
    await ui.byTestId('login-submit').click();
    await page.waitForURL('**/password');
    await ui.byTestId('password-required').waitFor();
    await page.goto(`${server.url}/audit`);
    await page.waitForURL('**/password');

    await ui.byTestId('password-current').fill(temporary);
    await ui.byTestId('password-new').fill('Password12!');
    await ui.byTestId('password-confirm').fill('Password12!');
    await ui.byTestId('password-submit').click();
    await page.getByText(zh('errors.PASSWORD_TOO_COMMON')).waitFor();

    await ui.byTestId('password-new').fill('Lantern-Quay-8317');
    await ui.byTestId('password-confirm').fill('Lantern-Quay-8317');
    await ui.byTestId('password-submit').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/password'));
    await page.goto(`${server.url}/audit`);
    await ui.byTestId('page-title').waitFor();
    expect(page.url()).toMatch(/\/audit$/);
  });
});
