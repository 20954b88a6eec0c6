/**
 * The TOP100 program end to end, in Chromium against the real server seeded with the full demo
 * (a published cycle of 1,993 candidates): the public page without a session; the demo cycle's
 * ranking and charts, also as the index round of its program; then a new cycle started from the demo's indicator system, its pool built
 * from the registry and list files, its data imported (bad cells explained first), computed with a
 * progress bar, the #1 excluded with a reason and the ranking recomputed, and the list published.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESIGNATION_CATALOGUE, translate, type Params } from '@keping/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from './global-setup.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { dataFile, listFile, type ApiCandidate } from './support/top100-files.js';

const zh = (key: string, params: Params = {}) => translate('zh-CN', key, params);
const en = (key: string, params: Params = {}) => translate('en', key, params);
const CHARTS = ['chart-score-histogram', 'chart-pillar-profile', 'chart-breakdown-groups', 'chart-breakdown-listing', 'chart-breakdown-district', 'chart-rank-bands'];
const FILE_SOURCES = ['emerging_top100', 'private_top100', 'major_project'];
const REASON = '经核实存在严重失信记录，不符合入榜条件';

let server: RunningServer;
let browser: Browser;
let page: Page;
let files: string;
let demoId: number;
let demoCandidates: ApiCandidate[];
let indicators: string[];
let cycleId: number;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'keping-e2e-top100-'));
  server = await startServer(WEB_DIST, 'full');
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

/** With KEPING_E2E_SHOTS=<dir>, the page at 1280 and 390 px wide, for a person to look at. */
async function shot(name: string): Promise<void> {
  const dir = process.env.KEPING_E2E_SHOTS;
  if (!dir) return;
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}
const tableRows = (testId: string): Locator => byTestId(testId).locator('tbody tr.ant-table-row');
const rowUscc = async (row: Locator) => ((await row.getAttribute('data-testid')) ?? '').replace(/^rank-row-/, '');

async function apiGet<T>(path: string): Promise<T> {
  const r = await browser.context.request.get(`${server.url}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

/** Clicks compute and waits until a job other than `previous` is done; returns its id. */
async function computeAndWait(previous: string | null): Promise<string> {
  await byTestId('compute-button').click();
  const done = page.locator(`[data-testid="compute-progress"][data-status="done"]${previous ? `:not([data-job="${previous}"])` : ''}`);
  await done.waitFor({ timeout: 60_000 });
  expect(await done.locator('.ant-progress').getAttribute('aria-valuenow')).toBe('100');
  return (await done.getAttribute('data-job')) ?? '';
}

describe('TOP100 in the browser', () => {
  it('shows the published demo list on the public page without a session', async () => {
    const published = (await (await fetch(`${server.url}/api/public/index-cycles`)).json()) as { items: { id: number; name: string }[] };
    demoId = published.items[0]?.id ?? 0;
    const calls: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) calls.push(path);
    });

    await page.goto(`${server.url}/public/top100`);
    await byTestId(`public-cycle-${demoId}`).click();
    await page.waitForURL(`**/public/top100/${demoId}`);
    await tableRows('public-list').nth(99).waitFor();
    expect(await tableRows('public-list').count()).toBe(100);

    const pub = (await (await fetch(`${server.url}/api/public/index-cycles/${demoId}`)).json()) as {
      publication: { evaluated: number; breakdown: { total: number; leading: number; key: number; listed: number } };
    };
    const b = pub.publication.breakdown;
    expect(pub.publication.evaluated).toBe(1993);
    expect(await byTestId('breakdown-total').innerText()).toContain(String(b.total));
    expect(await byTestId('breakdown-leading').innerText()).toContain(String(b.leading));
    expect(await byTestId('breakdown-key').innerText()).toContain(String(b.key));
    expect(await byTestId('breakdown-listed').innerText()).toContain(String(b.listed));
    for (const id of CHARTS.filter((c) => c.startsWith('chart-breakdown'))) await page.locator(`[data-testid="${id}"] canvas`).first().waitFor();
    expect(await byTestId('download-xlsx').getAttribute('href')).toBe(`/api/public/index-cycles/${demoId}/list.xlsx`);
    expect(await byTestId('download-pdf').getAttribute('href')).toBe(`/api/public/index-cycles/${demoId}/list.pdf`);


    page.removeAllListeners('request');
    expect(calls).toContain(`/api/public/index-cycles/${demoId}`);
    expect(calls.filter((p) => !p.startsWith('/api/public/'))).toEqual([]);
  });

  it('logs the admin in and shows the demo ranking of 1,993 candidates, read only once published', async () => {
    await page.goto(`${server.url}/login`);
    await byTestId('login-username').fill('admin');
    await byTestId('login-password').fill('Keping-Demo-2026');
    await byTestId('login-submit').click();
    await page.waitForURL('**/organisations');
    expect(await byTestId('nav-top100').innerText()).toBe(zh('nav.top100'));
    await byTestId('nav-top100').click();
    await byTestId(`cycle-link-${demoId}`).click();
    await page.waitForURL(`**/top100/${demoId}`);
    await tableRows('ranking-table').first().waitFor();

    demoCandidates = (await apiGet<{ items: ApiCandidate[] }>(`/api/index-cycles/${demoId}/candidates`)).items;
    expect(demoCandidates).toHaveLength(1993);
    expect(await byTestId('cycle-candidates').innerText()).toBe('1993');
    const ranked = demoCandidates.filter((c) => c.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    for (let i = 0; i < 5; i++) {
      const row = tableRows('ranking-table').nth(i);
      expect(await row.getAttribute('data-rank')).toBe(String(ranked[i]?.rank));
      expect(await rowUscc(row)).toBe(ranked[i]?.uscc);
    }
    expect(await byTestId('compute-button').count()).toBe(0);
    expect(await page.locator('[data-testid^="exclude-"]').count()).toBe(0);
  });


  it('draws every chart of the demo cycle on a canvas', async () => {
    await byTestId('tab-charts').click();
    for (const id of CHARTS) await page.locator(`[data-testid="${id}"] canvas`).first().waitFor();
  });

  it('lists the demo TOP100 among the programs and opens its index round on the same pages', async () => {
    const demo = await apiGet<{ programId: number; roundId: number }>(`/api/index-cycles/${demoId}`);
    await page.goto(`${server.url}/programs`);
    await byTestId(`program-link-${demo.programId}`).click();
    await page.waitForURL(`**/programs/${demo.programId}`);
    await byTestId('round-index-index').click();
    await page.waitForURL(`**/programs/${demo.programId}/rounds/${demo.roundId}/index`);
    await tableRows('ranking-table').first().waitFor();
    expect(await byTestId('cycle-candidates').innerText()).toBe('1993');
    await byTestId('cycle-status').filter({ hasText: zh('cycle.status.published') }).waitFor();
  });

  it('starts a new cycle from the demo\'s indicator system and methods', async () => {
    const demo = await apiGet<{ name: string; spec: { system: { children: { children: { id: string }[] }[] } } }>(`/api/index-cycles/${demoId}`);
    indicators = demo.spec.system.children.flatMap((p) => p.children.map((i) => i.id));
    await byTestId('nav-top100').click();
    await byTestId('cycle-new').click();
    await byTestId('cycle-copy-from').filter({ hasText: demo.name }).waitFor();
    await byTestId('cycle-name-input').fill('E2E 复评周期');
    await byTestId('cycle-seed').fill('demo-2025');
    await byTestId('step-next').click();
    await byTestId('system-counts').filter({ hasText: zh('spec.counts', { pillars: 5, indicators: indicators.length }) }).waitFor();
    await byTestId('step-next').click();
    await byTestId('method-replicates').fill('50'); // fewer Monte Carlo runs than the demo's 200: a quicker test
    await byTestId('step-next').click();
    await byTestId('cycle-review').filter({ hasText: zh('method.replicatesSummary', { replicates: 50, perturbation: 20 }) }).waitFor();
    await byTestId('cycle-create').click();
    await page.waitForURL(/\/top100\/\d+\/pool$/);
    cycleId = Number(/\/top100\/(\d+)\//.exec(page.url())?.[1]);
    expect(cycleId).toBeGreaterThan(demoId);
  });

  it('edits the cycle\'s system before publication: AHP weights refused when inconsistent, offered when consistent; leaving unsaved changes nothing', async () => {
    const before = await apiGet<{ spec: unknown }>(`/api/index-cycles/${cycleId}`);
    await page.goto(`${server.url}/top100/${cycleId}`);
    await byTestId('cycle-edit').click();
    await page.waitForURL(new RegExp(`/top100/${cycleId}/edit$`));
    await byTestId('page-title').filter({ hasText: zh('cycles.edit') }).waitFor();
    await byTestId('cycle-name-input').and(page.locator('[value="E2E 复评周期"]')).waitFor();
    await byTestId('step-next').click();
    await byTestId('system-derive-pillars').click();
    const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    const pick = async (testId: string, label: string) => {
      const chosen = byTestId(testId).locator(`.ant-select-selection-item[title="${label}"]`);
      // Under CI load a click can land while the list is still opening and leave it open with nothing chosen:
      // close it with Escape and try again, until the select shows the choice and no list is open.
      for (let attempt = 0; attempt < 3 && (await chosen.count()) === 0; attempt++) {
        await byTestId(testId).click();
        await open.locator(`.ant-select-item-option[title="${label}"]`).click();
        await expect.poll(() => open.count(), { timeout: 5_000 }).toBe(0).catch(async () => {
          await page.keyboard.press('Escape');
          await expect.poll(() => open.count(), { timeout: 10_000 }).toBe(0);
        });
      }
      await chosen.waitFor();
    };
    // The first pillar 9× the second, the second 9× the third, yet the third 9× the first: inconsistent.
    await pick('ahp-0-1', '9');
    await pick('ahp-1-2', '9');
    await pick('ahp-0-2', '1/9');
    await byTestId('weights-errors').filter({ hasText: '0.1' }).waitFor();
    expect(await byTestId('weights-apply').isDisabled()).toBe(true);
    for (const cell of ['ahp-0-1', 'ahp-1-2', 'ahp-0-2']) await pick(cell, '1'); // all equal: consistent
    await byTestId('weights-result').filter({ hasText: 'λmax' }).waitFor();
    await byTestId('weights-apply').click();
    await byTestId('weights-result').waitFor({ state: 'detached' });
    // a pillar aggregating its indicators its own way, shown by its label
    const pillar = (before.spec as { system: { children: { id: string }[] } }).system.children[0]?.id ?? '';
    await pick(`system-aggregation-${pillar}`, zh('method.aggregation.geometric'));
    await shot('system-editor');
    await byTestId('step-next').click();
    // goalposts bring their own options, and the review states them
    await pick('method-normalisation', zh('method.normalisation.goalposts'));
    await byTestId('method-goal-lo').fill('1');
    await byTestId('method-goal-hi').fill('8');
    await byTestId('method-negative-log').waitFor();
    await shot('method-form');
    await byTestId('step-next').click();
    await byTestId('cycle-review').filter({ hasText: `${zh('method.normalisation.goalposts')}: [1, 8] → [0, 100]` }).waitFor();
    for (let step = 0; step < 4; step++) await byTestId('step-prev').click();
    await page.waitForURL(new RegExp(`/top100/${cycleId}$`));
    expect((await apiGet<{ spec: unknown }>(`/api/index-cycles/${cycleId}`)).spec).toEqual(before.spec);
  });

  it('builds the pool from the registry and three list files, merged by credit code', async () => {
    for (const source of ['tech_center', 'listed']) {
      await byTestId(`pool-add-${source}`).click();
      const expected = demoCandidates.filter((c) => c.sources.includes(source)).length;
      await byTestId(`pool-count-${source}`).filter({ hasText: expected.toLocaleString('en') }).waitFor();
    }
    for (const source of FILE_SOURCES) {
      await byTestId('pool-import-source').click();
      await page.locator('.ant-select-dropdown:visible').getByTestId(`pool-source-${source}`).click();
      await byTestId('pool-import-choose-input').setInputFiles(listFile(files, demoCandidates, source));
      await byTestId('pool-import-result').filter({ hasText: `${source}.csv` }).waitFor();
    }
    await byTestId('cycle-candidates').filter({ hasText: /^1993$/ }).waitFor();
  });

  it('explains each bad cell of an indicator data file, then imports a clean one', async () => {
    await byTestId('tab-data').click();
    const bad = dataFile(files, 'data-bad.csv', demoCandidates.slice(0, 3), indicators, (rows) => {
      rows[0]![3] = 'abc'; // row 2 of the file, the second indicator
      rows[1]![0] = '91310000MA1FL0000X'; // row 3: not in the pool
      return rows;
    });
    await byTestId('data-choose-input').setInputFiles(bad);
    await byTestId('data-summary').filter({ hasText: zh('import.summary', { rows: 3, valid: 1, errors: 2 }) }).waitFor();
    const notNumber = byTestId(`cell-error-2-${indicators[1]}`);
    expect(await notNumber.getAttribute('data-reason')).toBe(zh('errors.NOT_A_NUMBER', { value: 'abc', indicator: indicators[1] ?? '' }));
    expect(await byTestId('cell-error-3-uscc').getAttribute('data-reason')).toBe(zh('errors.NOT_IN_POOL', { uscc: '91310000MA1FL0000X' }));
    expect(await byTestId('data-confirm').isDisabled()).toBe(true);

    await byTestId('data-choose-input').setInputFiles(dataFile(files, 'data.csv', demoCandidates, indicators));
    await byTestId('data-summary').filter({ hasText: zh('import.summary', { rows: 1993, valid: 1993, errors: 0 }) }).waitFor();
    await byTestId('data-confirm').click();
    await byTestId('data-result').filter({ hasText: zh('indexData.imported', { rows: 1993 }) }).waitFor();
    await byTestId('data-coverage').filter({ hasText: zh('indexData.withData', { withData: 1993, total: 1993 }) }).waitFor();
  });

  let firstJob = '';
  let excluded = '';

  it('computes the ranking with a progress bar: from the same inputs, the same order as the demo', async () => {
    await byTestId('tab-ranking').click();
    firstJob = await computeAndWait(null);
    await byTestId('cycle-status').filter({ hasText: zh('cycle.status.computed') }).waitFor();
    const demoRanked = demoCandidates.filter((c) => c.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    excluded = demoRanked[0]?.uscc ?? '';
    await byTestId(`rank-row-${excluded}`).and(page.locator('[data-rank="1"]')).waitFor();
    for (let i = 0; i < 3; i++) expect(await rowUscc(tableRows('ranking-table').nth(i))).toBe(demoRanked[i]?.uscc);
  });

  it('excludes the #1 only with a reason, recorded in the audit trail; recomputing gives a new #1', async () => {
    await byTestId(`exclude-${excluded}`).click();
    await byTestId('exclusion-reason').fill('太短');
    await byTestId('exclusion-submit').click();
    await page.getByText(zh('errors.REASON_REQUIRED', { min: 4 })).waitFor();
    await byTestId('exclusion-reason').fill(REASON);
    await byTestId('exclusion-submit').click();
    await byTestId(`excluded-${excluded}`).waitFor();
    await byTestId('ranking-stale').waitFor();
    await byTestId('cycle-status').filter({ hasText: zh('cycle.status.stale') }).waitFor();

    const audit = await apiGet<{ items: { action: string; after: { uscc?: string; reason?: string } | null }[] }>(
      `/api/audit?subjectType=index_cycle&subjectId=${cycleId}`,
    );
    expect(audit.items.find((e) => e.action === 'index.candidate.exclude')?.after).toMatchObject({ uscc: excluded, reason: REASON });

    await computeAndWait(firstJob);
    await byTestId('cycle-status').filter({ hasText: zh('cycle.status.computed') }).waitFor();
    await page.locator('[data-testid="ranking-table"] tbody tr.ant-table-row[data-rank="1"]').first().waitFor();
    const first = tableRows('ranking-table').first();
    expect(await first.getAttribute('data-rank')).toBe('1');
    expect(await rowUscc(first)).not.toBe(excluded);
    await byTestId('ranking-filter-excluded').click();
    await tableRows('ranking-table').first().and(byTestId(`rank-row-${excluded}`)).waitFor();
    expect(await tableRows('ranking-table').count()).toBe(1);
    expect(await byTestId(`rank-${excluded}`).count()).toBe(0); // no rank any more
    await byTestId(`include-${excluded}`).waitFor();
  });

  it('publishes the new list; its public page shows 100 enterprises without the excluded one, in either language', async () => {
    await byTestId('tab-publish').click();
    await byTestId('publish-button').click();
    await byTestId('publish-confirm').click();
    await byTestId('publish-status').waitFor();
    await byTestId('publish-hash').waitFor();
    await byTestId('public-link').click();
    await page.waitForURL(`**/public/top100/${cycleId}`);
    await tableRows('public-list').nth(99).waitFor();
    expect(await tableRows('public-list').count()).toBe(100);
    expect(await byTestId('public-list').locator(`[data-testid$="-${excluded}"]`).count()).toBe(0);

    // the public page has the language switch too (last: the rest of the test reads Chinese)
    await byTestId('lang-en').click();
    await page.getByText(en('publicList.breakdown'), { exact: true }).waitFor();
    expect(await byTestId('download-xlsx').innerText()).toBe(en('publish.downloadXlsx'));
  });

  it('shows a demo enterprise\'s technology-centre designation with its dated grant and its source, as imported', async () => {
    const holders = await apiGet<{ items: { uscc: string; tier: string; events: { kind: string; day: string; source: string | null }[] }[] }>(
      '/api/designations?title=tech_center&tier=national&on=2025-12-31&pageSize=1',
    );
    const held = holders.items[0]!;
    const granted = held.events.find((e) => e.kind === 'granted')!;
    expect(granted.day).toMatch(/^\d{4}-01-01$/);
    await page.goto(`${server.url}/organisations/${held.uscc}`);
    await byTestId('lang-zh-CN').click();
    // the language switch reloads the card: wait for the history in Chinese, then read it whole
    const card = byTestId('org-designations');
    const tier = DESIGNATION_CATALOGUE.tech_center.tiers.find((t) => t.key === 'national')!.name.zh;
    const shown = async () => {
      const text = await card.innerText().catch(() => '');
      return text.includes(tier) && text.includes(DESIGNATION_CATALOGUE.tech_center.name.zh) && text.includes(granted.source ?? '') ? text : '';
    };
    // the text that passed is the one checked: the card may reload again after it
    let text = '';
    await expect.poll(async () => (text = await shown()), { timeout: 15_000 }).not.toBe('');
    expect(text).toContain(DESIGNATION_CATALOGUE.tech_center.name.zh);
    expect(text).toContain(tier);
    expect(text).toContain(granted.day);
    expect(text).not.toContain('tech_center');
  });
});
