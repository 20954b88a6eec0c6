/** The steps every browser test repeats: find by test id, pick in an antd Select, log in and out as a demo user. */
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** The demo users' password (the server's demo seeds them with it). */
export const PASSWORD = 'Keping-Demo-2026';

export interface Ui {
  byTestId: (id: string) => Locator;
  /** Opens an antd Select and picks the option with this text. */
  pick: (testId: string, option: string) => Promise<void>;
  /** Starts a fresh session as `username` and waits for the app to show it. */
  login: (username: string) => Promise<void>;
  logout: () => Promise<void>;
}

/** `session` is read at each step, since tests open the page and start the server in beforeAll. */
export function pageUi(session: () => { page: Page; context: BrowserContext; url: string }): Ui {
  const byTestId = (id: string): Locator => session().page.getByTestId(id);
  return {
    byTestId,
    async pick(testId, option) {
      await byTestId(testId).click();
      await session().page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    },
    async login(username) {
      const { page, context, url } = session();
      await context.clearCookies();
      await page.goto(`${url}/login`);
      await byTestId('login-username').fill(username);
      await byTestId('login-password').fill(PASSWORD);
      await byTestId('login-submit').click();
      await byTestId('logout').waitFor();
    },
    async logout() {
      await byTestId('logout').click();
      await session().page.waitForURL('**/login');
    },
  };
}
