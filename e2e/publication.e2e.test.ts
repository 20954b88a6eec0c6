/**
 * Awards and the publication (公示) in the browser, against the real server with a movable clock:
 * a program whose rounds are screening → panel is run through the API; the office defines an award,
 * nominates and grants it, drafts and publishes the list; a visitor without a session files a named
 * objection with evidence on the public page; the office investigates and upholds it (the entry leaves
 * the list) and is refused finalising before the period ends; after the period the public page says so,
 * the office finalises and issues certificates; a certificate PDF names the organisation in Chinese and
 * the /verify page says valid for the real link and invalid for a tampered serial.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '@keping/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from './global-setup.js';
import { apiLogin } from './support/api-client.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { PASSWORD, pageUi } from './support/ui.js';
import { startClockServer, type ClockServer } from './support/clock-server.js';

const zh = (key: string, params: Record<string, string | number> = {}) => translate('zh-CN', key, params);
const label = (zhText: string, en: string) => ({ zh: zhText, en });

let server: ClockServer;
let browser: Browser;
let page: Page;
let files: string;

const tag = Date.now().toString(36).toUpperCase();
const title = label(`${tag}年度职工创新成果竞赛`, `${tag} workers' innovation competition`);
const titles = { a1: '智能视觉质检平台', a2: '语音大模型', a3: '工业知识图谱' };
const ids = { program: 0, publication: 0, a1: 0, a2: 0, a3: 0, entryA1: 0, entryA3: 0, objection: 0 };
let orgName = '';
/** Shanghai wall-clock time `days` from now: 2026-12-01 09:00. */
const shanghai = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
const shanghaiDay = (days: number) => shanghai(days).slice(0, 10);

/** screening → panel through the API, ending with the panel round closed and all three achievements advanced. */
async function setUpProgram(url: string): Promise<void> {
  const [staff, admin, applicant] = [await apiLogin(url, 'staff', PASSWORD), await apiLogin(url, 'admin', PASSWORD), await apiLogin(url, 'applicant', PASSWORD)];
  const users = await admin.call<{ items: { id: number; username: string }[] }>('GET', '/api/users');
  const chairUser = users.items.find((u) => u.username === 'chair');
  if (!chairUser) throw new Error('no demo chair');
  const expert = await staff.call<{ id: number }>('POST', '/api/experts', { name: '张院士', professionalTitle: '中国科学院院士', userId: chairUser.id });
  const program = await staff.call<{ id: number; rounds: { id: number }[] }>('POST', '/api/programs', {
    type: 'competition', ownerOffice: '市总工会', cycleYear: 2026, status: 'published', title,
    call: { opensAt: shanghai(-1), closesAt: shanghai(30) },
    rounds: [
      { key: 'screening', kind: 'screening', name: label('初筛', 'Screening') },
      { key: 'final', kind: 'panel', name: label('终评', 'Final'), config: { mode: 'score', criteria: [{ key: 'innovativeness', weight: 60 }, { key: 'practicality', weight: 40 }] } },
    ],
    categories: [{ key: 'ai', name: label('人工智能', 'AI'), quotas: { final: 3 } }],
    outcomes: [{ key: 'excellent', name: label('优秀成果', 'Excellent achievement'), quota: 90 }],
  });
  ids.program = program.id;
  const [screeningId, finalId] = program.rounds.map((r) => r.id) as [number, number];
  for (const key of ['a1', 'a2', 'a3'] as const) {
    const app = await applicant.call<{ id: number }>('POST', '/api/applications', { programId: program.id, title: titles[key], category: 'ai' });
    await applicant.call('POST', `/api/applications/${app.id}/submit`);
    ids[key] = app.id;
  }
  await staff.call('POST', `/api/rounds/${screeningId}/screening/run`);
  for (const key of ['a1', 'a2', 'a3'] as const) {
    await staff.call('POST', `/api/rounds/${screeningId}/screening/decisions`, { applicationId: ids[key], outcome: 'advance', reasonCode: 'other', note: '与三大产业密切相关' });
  }
  await staff.call('POST', `/api/rounds/${screeningId}/close`);
  const panel = await staff.call<{ id: number }>('POST', `/api/rounds/${finalId}/panels`, { category: 'ai', chairExpertId: expert.id });
  const chair = await apiLogin(url, 'chair', PASSWORD);
  for (const [key, score] of [['a1', 95], ['a2', 85], ['a3', 75]] as const) {
    await chair.call('POST', `/api/panels/${panel.id}/marks`, { applicationId: ids[key], criteria: { innovativeness: score, practicality: score - 5 } });
  }
  await chair.call('POST', `/api/panels/${panel.id}/sign-off`, { note: '' });
  await staff.call('POST', `/api/rounds/${finalId}/panels/close`);
  const uscc = applicant.user.organisationUscc;
  if (!uscc) throw new Error('the demo applicant has no organisation');
  orgName = (await staff.call<{ name: string }>('GET', `/api/organisations/${uscc}`)).name;
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'keping-e2e-publication-'));
  server = await startClockServer(WEB_DIST);
  await setUpProgram(server.url);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

const { byTestId, pick, login } = pageUi(() => ({ page, context: browser.context, url: server.url }));
const text = async (id: string) => (await byTestId(id).innerText()).trim();

async function openPublication(): Promise<void> {
  await page.goto(`${server.url}/programs/${ids.program}/publication`);
  await byTestId('page-title').waitFor();
}

describe('awards, 公示, objections and certificates in the browser', () => {
  it('lets the office define an award, nominate an application and grant it', async () => {
    await login('staff');
    await byTestId('nav-publications').click();
    await byTestId(`publications-awards-${ids.program}`).click();
    await page.waitForURL(/\/awards$/);
    await byTestId('award-type-new').click();
    await byTestId('award-type-key').fill('unit');
    await byTestId('award-type-name-zh').fill('五一劳动奖状');
    await byTestId('award-type-name-en').fill('May Day unit award');
    await byTestId('award-type-save').click();
    await byTestId('award-unit').waitFor();
    expect(await text('award-unit-quota')).toBe(zh('awards.quotaUsed', { granted: 0, quota: 1 }));

    await byTestId('award-unit-nominate').click();
    await pick('nominee-application', titles.a1);
    await byTestId('nomination-save').click();
    const decide = page.locator('[data-testid^="nomination-"][data-testid$="-decide"]');
    await decide.click();
    await byTestId('nomination-decision-save').click();
    await byTestId('award-unit-quota').filter({ hasText: zh('awards.quotaUsed', { granted: 1, quota: 1 }) }).waitFor();
    expect(await page.locator('[data-testid$="-decision"]').first().innerText()).toContain(zh('awards.status.granted'));
  });

  it('drafts the list from the panel results and the award, and publishes it for a period', async () => {
    await byTestId('awards-to-publication').click();
    await byTestId('publication-draft').click();
    await byTestId('publication-status').filter({ hasText: zh('publication.status.draft') }).waitFor();
    expect(await byTestId('publication-entries').locator('tbody tr[data-testid^="entry-row-"]').count()).toBe(4);
    expect(await text('publication-entries')).toContain('五一劳动奖状');

    await byTestId('publication-publish').click();
    expect(await byTestId('publish-start').inputValue()).toBe(shanghaiDay(0));
    await byTestId('publish-save').click();
    await byTestId('publication-status').filter({ hasText: zh('publication.status.published') }).waitFor();
    await byTestId('publication-objections-open').waitFor();
    expect(await text('publication-period')).toBe(zh('publicationPage.periodText', { start: shanghaiDay(0), end: shanghaiDay(6) }));

    const staff = await apiLogin(server.url, 'staff', PASSWORD);
    const p = await staff.call<{ id: number; entries: { id: number; kind: string; applicationId: number | null }[] }>('GET', `/api/programs/${ids.program}/publication`);
    ids.publication = p.id;
    const achievement = (appId: number) => p.entries.find((e) => e.kind === 'achievement' && e.applicationId === appId)?.id ?? 0;
    ids.entryA1 = achievement(ids.a1);
    ids.entryA3 = achievement(ids.a3);
    expect(ids.entryA3).toBeGreaterThan(0);
  });

  it('lets a visitor without a session object to an entry during the period, with evidence', async () => {
    await browser.context.clearCookies();
    const asked: string[] = [];
    const listener = (r: { url: () => string }) => { if (r.url().includes('/api/auth/')) asked.push(r.url()); };
    page.on('request', listener);
    await page.goto(`${server.url}/public/publications`);
    await byTestId(`public-publication-${ids.publication}`).click();
    await byTestId('public-open').waitFor();
    expect(await byTestId('public-entries').locator('tbody tr[data-testid^="public-entry-"]').count()).toBe(4);

    await byTestId('objection-name').fill('刘某');
    await byTestId('objection-contact').fill('liu@example.org');
    await byTestId('objection-organisation').fill('某研究所');
    await pick('objection-entry', titles.a3);
    await byTestId('objection-grounds').fill('工业知识图谱与往年获奖成果重复');
    const evidence = join(files, '证据.pdf');
    writeFileSync(evidence, '%PDF-1.4\n举报材料：该成果已于2024年获奖并重复申报\n');
    await byTestId('objection-evidence-input').setInputFiles(evidence);
    expect(await text('objection-evidence-name')).toBe('证据.pdf');
    await byTestId('objection-submit').click();
    const filed = await text('objection-filed');
    ids.objection = Number(/#(\d+)/.exec(filed)?.[1]);
    expect(filed).toBe(zh('publicNotice.filed', { id: ids.objection }));
    page.off('request', listener);
    expect(asked).toEqual([]);
  });

  it('lets the office investigate and uphold it: the entry leaves the list; finalising waits for the period', async () => {
    await login('staff');
    await openPublication();
    const o = ids.objection;
    expect(await byTestId(`objection-row-${o}`).innerText()).toContain('liu@example.org');
    expect(await text(`objection-${o}-evidence`)).toBe(zh('objections.evidence', { name: '证据.pdf' }));
    await byTestId(`objection-${o}-investigate`).click();
    await byTestId('investigate-note').fill('已调取2024年获奖名单核对');
    await byTestId('investigate-save').click();
    await byTestId(`objection-${o}-status`).filter({ hasText: zh('publication.objection.status.investigating') }).waitFor();

    await byTestId(`objection-${o}-resolve`).click();
    await byTestId('resolve-reason').fill('经核实确属重复申报');
    const entry = `${orgName} · ${titles.a3}`;
    expect(await text('resolve-preview')).toBe(zh('publicationPage.decision.removed', { entry }));
    await byTestId('resolve-save').click();
    await byTestId(`objection-${o}-status`).filter({ hasText: zh('publication.objection.status.upheld') }).waitFor();
    expect(await text(`objection-${o}-change`)).toBe(zh('publicationPage.decision.removed', { entry }));
    expect(await text(`entry-status-${ids.entryA3}`)).toBe(zh('publicationPage.entryStatus.removed'));
    expect(await text('publication-listed')).toBe(zh('publicationPage.listedText', { listed: 3, total: 4 }));

    await byTestId('publication-finalise').click();
    await byTestId('publication-finalise-ok').click();
    await page.locator('.ant-message', { hasText: zh('errors.PUBLICATION_PERIOD_NOT_OVER', { endDate: shanghaiDay(6) }) }).waitFor();
    expect(await text('publication-status')).toBe(zh('publication.status.published'));

    await page.goto(`${server.url}/public/publications/${ids.publication}`);
    await byTestId('public-open').waitFor();
    const listed = await text('public-entries');
    expect(listed).not.toContain(titles.a3);
    expect(listed).toContain(titles.a2);
  });

  it('after the period: the public page says it is over and objections are refused', async () => {
    server.setDaysAhead(8);
    await browser.context.clearCookies();
    await page.goto(`${server.url}/public/publications/${ids.publication}`);
    expect(await text('public-closed')).toBe(zh('publicNotice.over'));
    expect(await byTestId('objection-form').count()).toBe(0);
    const late = await fetch(`${server.url}/api/public/publications/${ids.publication}/objections`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ name: '迟到者', contact: 'late@example.org', grounds: '迟到的异议' }),
    });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('OBJECTION_PERIOD_OVER');
  });

  it('lets the office finalise, issue certificates and download one whose PDF names the organisation', async () => {
    await login('staff');
    await openPublication();
    await byTestId('publication-finalise').click();
    await byTestId('publication-finalise-ok').click();
    await byTestId('publication-status').filter({ hasText: zh('publication.status.final') }).waitFor();
    await byTestId('certificates-issue').click();
    await byTestId(`certificate-row-${ids.entryA1}`).waitFor();
    expect(await byTestId('certificates-table').locator('tbody tr[data-testid^="certificate-row-"]').count()).toBe(3);

    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(`certificate-${ids.entryA1}-pdf`).click()]);
    const pdf = join(files, 'certificate.pdf');
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // Reading the text back needs poppler-utils; the test command says loudly when it is missing (CI requires it).
    const pdfText = process.env.KEPING_TEST_NO_PDFTOTEXT === '1' ? null : execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    if (pdfText !== null) expect(pdfText).toContain(orgName);
    if (pdfText !== null) expect(pdfText).toContain('荣誉证书');
    if (pdfText !== null) expect(pdfText).toContain(titles.a1);
  });

  it('verifies the real certificate link as valid and a tampered serial as invalid, without a session', async () => {
    const staff = await apiLogin(server.url, 'staff', PASSWORD);
    const certs = await staff.call<{ items: { serial: string; entryId: number; contentHash: string; verificationUrl: string }[] }>(
      'GET', `/api/publications/${ids.publication}/certificates`);
    const cert = certs.items.find((c) => c.entryId === ids.entryA1);
    if (!cert) throw new Error('no certificate for the first achievement');
    expect(cert.verificationUrl).toBe(`${server.url}/verify/${cert.serial}?h=${cert.contentHash}`);
    expect(await byTestId(`certificate-${ids.entryA1}-verify`).getAttribute('href')).toBe(`/verify/${cert.serial}?h=${cert.contentHash}`);

    await browser.context.clearCookies();
    await page.goto(cert.verificationUrl);
    await byTestId('verify-valid').waitFor();
    expect(await text('verify-holder')).toBe(orgName);
    expect(await text('verify-title')).toBe(`优秀成果 · ${titles.a1}`);
    expect(await text('verify-program')).toBe(title.zh);

    const tampered = `${cert.serial.slice(0, -1)}${cert.serial.endsWith('0') ? '1' : '0'}`;
    await page.goto(`${server.url}/verify/${tampered}?h=${cert.contentHash}`);
    await byTestId('verify-invalid').waitFor();
    expect(await text('verify-reason')).toBe(zh('publication.certificate.unknown'));
  });
});
