/**
 * The registry end to end, in Chromium against the real server: log in, import a spreadsheet with
 * errors and see each bad cell explained, fix it and import, import experts through the same flow,
 * find the organisation, switch to English in place, log out.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { translate } from '@keping/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from './global-setup.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { breakCheckCharacter, goodRows, writeWorkbook, type Row } from './support/organisations-file.js';
import { startServer, type RunningServer } from './support/server.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const zh = (key: string, params: Record<string, string> = {}) => translate('zh-CN', key, params);
const en = (key: string) => translate('en', key);

let server: RunningServer;
let browser: Browser;
let page: Page;
let files: string;

const tag = `E2E${Date.now().toString(36).toUpperCase()}`;
const rows: Row[] = goodRows(tag, 6);
const broken = breakCheckCharacter(rows[1]?.uscc ?? '');

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'keping-e2e-files-'));
  server = await startServer(WEB_DIST);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

const byTestId = (id: string): Locator => page.getByTestId(id);

/** Hovers a cell and returns the text of the tooltip that opens for it. */
async function tooltipOf(cell: Locator, expected: string): Promise<string> {
  await cell.hover();
  const tip = page.getByRole('tooltip').filter({ hasText: expected });
  await tip.waitFor({ state: 'visible' });
  return (await tip.innerText()).trim();
}

describe('registry in the browser', () => {
  it('refuses a wrong password with the server\'s translated reason, then logs the admin in', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/login');
    await byTestId('login-username').fill('admin');
    await byTestId('login-password').fill('wrong-password-1');
    await byTestId('login-submit').click();
    await byTestId('login-error').filter({ hasText: zh('errors.LOGIN_FAILED') }).waitFor();

    await byTestId('login-password').fill('Keping-Demo-2026');
    await byTestId('login-submit').click();
    await page.waitForURL('**/organisations');
    expect(await byTestId('nav-organisations').innerText()).toBe(zh('nav.organisations'));

    // the demo registry, as the README shows it
    await byTestId('org-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'));
    mkdirSync(join(repo, 'docs'), { recursive: true });
    await page.screenshot({ path: join(repo, 'docs/screenshot.png') });
  });

  it('marks every bad cell of an uploaded XLSX with its reason and refuses to import it', async () => {
    const bad = rows.map((r) => ({ ...r }));
    Object.assign(bad[1] ?? {}, { uscc: broken.uscc });
    Object.assign(bad[2] ?? {}, { district: '火星区' });
    Object.assign(bad[3] ?? {}, { established: '2099-01-01' });
    const path = join(files, 'organisations-with-errors.xlsx');
    await writeWorkbook(path, bad);

    await byTestId('nav-import').click();
    await page.waitForURL('**/import');
    await byTestId('import-file-input').setInputFiles(path);
    await byTestId('import-summary').waitFor();
    expect(await byTestId('import-progress').locator('.ant-progress').getAttribute('aria-valuenow')).toBe('100');

    // spreadsheet rows: header = 1, so data row i is row i + 2
    const expectations = [
      { id: 'cell-error-3-uscc', reason: zh('errors.USCC_CHECK_CHARACTER', broken) },
      { id: 'cell-error-4-district', reason: zh('errors.DISTRICT_UNKNOWN', { value: '火星区' }) },
      { id: 'cell-error-5-established', reason: '2099-01-01' },
    ];
    for (const { id, reason } of expectations) {
      const cell = byTestId(id);
      await cell.waitFor();
      expect(await cell.getAttribute('data-reason')).toContain(reason);
      expect(await tooltipOf(cell, reason)).toContain(reason);
    }
    const future = await tooltipOf(byTestId('cell-error-5-established'), '2099-01-01');
    expect(future).toMatch(/^日期2099-01-01晚于今天（\d{4}-\d{2}-\d{2}）$/);
    expect(await page.locator('[data-testid^="cell-error-"]').count()).toBe(3);
    const background = await byTestId('cell-error-4-district')
      .evaluate((el) => getComputedStyle(el.closest('td') ?? el).backgroundColor);
    expect(background).toBe('rgb(255, 241, 240)');

    expect(await byTestId('import-errors').locator('tbody tr.ant-table-row').count()).toBe(3);
    expect(await byTestId('import-confirm').isDisabled()).toBe(true);
  });

  it('imports the corrected file after confirmation', async () => {
    const path = join(files, 'organisations-fixed.xlsx');
    await writeWorkbook(path, rows);
    await byTestId('import-file-input').setInputFiles(path);
    await byTestId('import-summary').filter({ hasText: zh('import.readyToImport') }).waitFor();
    expect(await page.locator('[data-testid^="cell-error-"]').count()).toBe(0);
    expect(await byTestId('import-confirm').isEnabled()).toBe(true);

    await byTestId('import-confirm').click();
    const result = byTestId('import-result');
    await result.waitFor();
    expect(await byTestId('import-result-counts').innerText()).toBe(zh('import.doneCounts', { created: '6', updated: '0' }));
  });

  it('imports experts from a CSV through the same flow: dry run, preview, confirm', async () => {
    const path = join(files, 'experts.csv');
    writeFileSync(path, ['name,title,employer,tags,email', `专家甲${tag},教授,某大学,ic,a-${tag}@example.org`, `专家乙${tag},研究员,某研究院,ai,b-${tag}@example.org`].join('\n'));
    await byTestId('nav-experts').click();
    await page.waitForURL('**/experts');
    await byTestId('experts-import').click();
    await page.waitForURL('**/experts/import');
    await byTestId('page-title').filter({ hasText: zh('expertImport.title') }).waitFor();
    await byTestId('import-file-input').setInputFiles(path);
    await byTestId('import-summary').filter({ hasText: zh('expertImport.ready') }).waitFor();
    expect(await byTestId('import-confirm').innerText()).toBe(zh('expertImport.confirm', { n: '2' }));
    await byTestId('import-confirm').click();
    await byTestId('import-result').waitFor();
    expect(await byTestId('import-result-counts').innerText()).toBe(zh('import.doneCounts', { created: '2', updated: '0' }));
  });

  it('lists the registry, and finds an imported organisation by name', async () => {
    await byTestId('nav-organisations').click();
    await page.waitForURL('**/organisations');
    await byTestId('org-table').locator('tbody tr.ant-table-row').first().waitFor();
    const target = rows[4] as Row;
    await byTestId('org-search').fill(target.name);
    await byTestId('org-search').press('Enter');
    await page.waitForURL(/[?&]q=/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="org-table"] tbody tr.ant-table-row').length === 1,
    );
    await byTestId(`org-row-${target.uscc}`).waitFor();

    await byTestId(`org-link-${target.uscc}`).click();
    expect(await byTestId('org-uscc').innerText()).toBe(target.uscc);
    expect(await byTestId('org-name').innerText()).toBe(target.name);
    // its history: the import that created it, by admin
    const history = byTestId('org-history');
    await history.filter({ hasText: zh('audit.organisation.import') }).waitFor();
    expect(await history.innerText()).toContain('organisations-fixed.xlsx');
  });

  it('switches to English in place and keeps the choice on the account', async () => {
    await byTestId('nav-organisations').click();
    await page.waitForURL('**/organisations');
    await page.evaluate(() => Object.assign(window, { keepingMarker: 'no reload' }));
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/locale') && r.request().method() === 'PUT');
    await byTestId('lang-en').click();
    expect((await saved).status()).toBe(200);

    await byTestId('nav-organisations').filter({ hasText: en('nav.organisations') }).waitFor();
    expect(await byTestId('page-title').innerText()).toBe(en('orgs.title'));
    expect(await byTestId('logout').innerText()).toBe(en('nav.logout'));
    await page.locator('th', { hasText: en('fields.district') }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { keepingMarker?: string }).keepingMarker)).toBe('no reload');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('logs out to the login page', async () => {
    await byTestId('logout').click();
    await page.waitForURL('**/login');
    await byTestId('login-page').waitFor();
    expect(await byTestId('login-submit').innerText()).toBe(en('login.submit'));
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
  });
});
