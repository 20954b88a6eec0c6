/**
 * The program engine in the browser, against the real server: staff define a program through the
 * step form, an applicant drafts, uploads the required attachment, reads the eligibility preview and
 * submits; staff run the screening rules, override the verdict with a reason and a note, close the
 * round; the applicant then reads the outcome and the reason, in Chinese and in English.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '@keping/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from './global-setup.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { pageUi } from './support/ui.js';
import { startServer, type RunningServer } from './support/server.js';

const zh = (key: string, params: Record<string, string> = {}) => translate('zh-CN', key, params);
const en = (key: string) => translate('en', key);

let server: RunningServer;
let browser: Browser;
let page: Page;
let files: string;
let programId = 0;
let applicationId = 0;
/** The staff's decision, checked on the applicant's side. */
const decided = { outcome: '', reason: '' };

const tag = Date.now().toString(36).toUpperCase();
const title = { zh: `${tag}年度创新成果竞赛`, en: `${tag} innovation competition` };
/** Shanghai wall-clock time `days` from now, as the datetime-local input takes it. */
const shanghai = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 16);

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'keping-e2e-programs-'));
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

const { byTestId, pick, login, logout } = pageUi(() => ({ page, context: browser.context, url: server.url }));

describe('programs in the browser', () => {
  it('lets staff create a published program through the step form', async () => {
    await login('staff');
    await byTestId('nav-programs').click();
    await page.waitForURL('**/programs');
    await byTestId('program-new').click();

    // basics: a type is a preset — an index draws a pool; back to a competition, whose rounds the form then holds
    expect(await byTestId('program-entries-from').innerText()).toBe(zh('programForm.entriesFrom.applications'));
    await pick('program-type', zh('programs.type.index'));
    expect(await byTestId('program-entries-from').innerText()).toBe(zh('programForm.entriesFrom.pool'));
    await pick('program-type', zh('programs.type.competition'));
    expect(await byTestId('program-preset').innerText()).toContain(zh('programs.type.competition'));
    await pick('program-status', zh('programs.status.published'));
    await byTestId('program-office').fill('市总工会');
    await byTestId('program-title-zh').fill(title.zh);
    await byTestId('program-title-en').fill(title.en);
    await byTestId('step-next').click();
    // call: open since yesterday, for a month, Shanghai time; the talent rule set
    await byTestId('program-opens').fill(shanghai(-1));
    await byTestId('program-closes').fill(shanghai(30));
    await pick('program-rule-set', 'talent-2024');
    await byTestId('step-next').click();
    // one required long-text field
    await byTestId('field-add').click();
    await byTestId('field-0-key').fill('summary');
    await pick('field-0-type', zh('programs.fieldType.longtext'));
    await byTestId('field-0-required').check();
    await byTestId('field-0-label-zh').fill('成果简介');
    await byTestId('field-0-label-en').fill('Summary');
    await byTestId('step-next').click();
    // one required PDF report
    await byTestId('attachment-add').click();
    await byTestId('attachment-0-key').fill('report');
    await byTestId('attachment-0-label-zh').fill('成果报告');
    await byTestId('attachment-0-label-en').fill('Report');
    await byTestId('step-next').click();
    // rounds: the competition preset's (screening, expert review, final presentations); no categories
    expect(await byTestId('round-0-key').inputValue()).toBe('screening');
    expect(await byTestId('round-2-key').inputValue()).toBe('final');
    for (let i = 0; i < 3; i++) await byTestId('step-next').click();
    const review = await byTestId('program-review').innerText();
    expect(review).toContain(title.zh);
    expect(review).toContain('成果简介');

    await byTestId('program-save').click();
    await page.waitForURL(/\/programs\/\d+$/);
    programId = Number(/\/programs\/(\d+)$/.exec(page.url())?.[1]);
    expect(await byTestId('program-title').innerText()).toBe(title.zh);
    expect(await byTestId('round-row-screening').innerText()).toContain(zh('programs.roundStatus.pending'));
    await logout();
  });

  it('lets the applicant draft, upload the report, preview eligibility and submit', async () => {
    await login('applicant');
    await byTestId('nav-applications').click();
    await page.waitForURL('**/applications');
    await byTestId(`open-call-${programId}`).filter({ hasText: title.zh }).waitFor();
    await byTestId(`apply-${programId}`).click();
    await byTestId('attachments-panel').filter({ hasText: zh('portal.saveFirst') }).waitFor();

    await byTestId('draft-title').fill('晶圆缺陷检测方法');
    await byTestId('value-summary').fill('一种基于深度学习的晶圆缺陷检测方法');
    await byTestId('draft-save').click();
    await page.waitForURL(/\/applications\/\d+$/);
    applicationId = Number(/\/applications\/(\d+)$/.exec(page.url())?.[1]);
    expect(await byTestId('application-status').innerText()).toBe(zh('programs.application.status.draft'));

    // the limits are shown before the upload
    expect(await byTestId('attachment-report-limits').innerText()).toBe(zh('portal.attachmentLimits', { types: '.pdf', size: '20' }));
    const pdf = join(files, 'report.pdf');
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 7)]));
    // One pick: the page shows only its latest request's answer, so the refresh after the upload
    // cannot be hidden by the page's own slower load (the cause of an earlier flaky run).
    const uploaded = byTestId('attachment-report-file').filter({ hasText: 'report.pdf' });
    await byTestId('attachment-report-input').setInputFiles(pdf);
    await uploaded.or(byTestId('attachment-report-error')).waitFor();
    expect(await byTestId('attachment-report-error').count(), 'upload error shown').toBe(0);
    await uploaded.waitFor();

    // the eligibility preview, with its reasons, before submitting
    const verdict = await byTestId('eligibility-preview-verdict').innerText();
    expect(['eligible', 'ineligible', 'unknown'].map((v) => zh(`programs.verdict.${v}`))).toContain(verdict);
    expect(await byTestId('eligibility-preview-line').count()).toBeGreaterThan(0);
    expect(await byTestId('eligibility-preview-line').first().innerText()).not.toBe('');

    await byTestId('draft-submit').click();
    await byTestId('submit-ok').click();
    await byTestId('application-status').filter({ hasText: zh('programs.application.status.submitted') }).waitFor();
    expect(await byTestId('draft-submit').count()).toBe(0);
    await logout();
  });

  it('lets staff run the rules, override the verdict with a reason and close the round', async () => {
    await login('staff');
    await page.goto(`${server.url}/programs/${programId}`);
    await byTestId('round-screening-screening').click();
    await page.waitForURL(/\/screening$/);
    await byTestId('screening-run').click();
    const verdict = byTestId(`screening-eligibility-${applicationId}-verdict`);
    await verdict.waitFor();
    expect(await byTestId(`screening-eligibility-${applicationId}-line`).count()).toBeGreaterThan(0);
    expect(await byTestId('screening-close').isDisabled()).toBe(true);

    // decide against the rules: the note is required
    const ineligible = (await verdict.innerText()) === zh('programs.verdict.ineligible');
    const outcome = ineligible ? 'advance' : 'reject';
    const reason = ineligible ? 'other' : 'incomplete';
    await byTestId(`screening-decide-${applicationId}`).click();
    await byTestId(`decision-outcome-${outcome}`).click();
    await pick('decision-reason', zh(`programs.screening.reason.${reason}`));
    await byTestId('decision-save').click();
    await page.locator('.ant-form-item-explain-error', { hasText: zh('screening.noteRequired') }).waitFor();
    await byTestId('decision-note').fill('成果报告缺少第三方检测数据');
    await byTestId('decision-save').click();
    const decision = byTestId(`screening-decision-${applicationId}`);
    await decision.filter({ hasText: zh('screening.override') }).waitFor();
    expect(await decision.innerText()).toContain(zh(`programs.screening.reason.${reason}`));
    expect(await decision.innerText()).toContain('成果报告缺少第三方检测数据');

    await byTestId('screening-close').click();
    await byTestId('screening-close-ok').click();
    await byTestId('round-status').filter({ hasText: zh('programs.roundStatus.closed') }).waitFor();
    expect(await byTestId('screening-run').count()).toBe(0);
    Object.assign(decided, { outcome, reason });
    await logout();
  });

  it('shows the applicant the outcome and the reason, in Chinese and in English', async () => {
    const { outcome, reason } = decided;
    await login('applicant');
    await byTestId('nav-applications').click();
    await byTestId(`my-application-${applicationId}`).filter({ hasText: zh(`programs.screening.outcome.${outcome}`) }).waitFor();
    await byTestId(`application-link-${applicationId}`).click();
    expect(await byTestId('screening-outcome-text').innerText()).toBe(zh(`programs.screening.outcome.${outcome}`));
    expect(await byTestId('screening-outcome-reason').innerText()).toBe(zh('portal.reason', { reason: zh(`programs.screening.reason.${reason}`) }));
    expect(await byTestId('screening-outcome-note').innerText()).toBe('成果报告缺少第三方检测数据');

    await byTestId('lang-en').click();
    await byTestId('screening-outcome-text').filter({ hasText: en(`programs.screening.outcome.${outcome}`) }).waitFor();
    expect(await byTestId('nav-applications').innerText()).toBe(en('nav.applications'));
    expect(await byTestId('screening-outcome-reason').innerText()).toContain(en(`programs.screening.reason.${reason}`));
  });
});
