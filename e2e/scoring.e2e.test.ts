/**
 * The scoring round, the expert portal and the panel round in the browser, against the real server.
 * The program, three applications (one with an attachment named after its applicant), the screening
 * and the expert pool are set up through the HTTP API. Staff configure a blind random draw and run
 * it, remind the experts; an expert reads the reminder, opens an item and scores it, and nothing
 * the expert's browser shows or receives names an applicant; staff follow the progress, select over
 * the quota with an override reason and close; a panel is set up and its chair marks, stands down
 * from one entry (回避) and signs off.
 */
import { translate } from '@keping/core';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from './global-setup.js';
import { apiLogin, type ApiClient } from './support/api-client.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { PASSWORD, pageUi } from './support/ui.js';
import { startServer, type RunningServer } from './support/server.js';

const zh = (key: string, params: Record<string, string | number> = {}) => translate('zh-CN', key, params);
const label = (z: string, en: string) => ({ zh: z, en });

let server: RunningServer;
let browser: Browser;
let page: Page;
let staff: ApiClient;
const world = {
  programId: 0, scoringRound: 0, finalRound: 0,
  /** Applications in id order, with the score every expert gives each of their criteria. */
  apps: [] as { id: number; value: number }[],
  /** Names and codes of the applicant organisations: none may reach the expert. */
  secrets: [] as string[],
  experts: [] as { id: number; username: string }[],
  chairName: '院士组长',
  chairExpertId: 0,
};

/** Shanghai wall-clock time `days` from now: 2026-11-21 09:00. */
const shanghai = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');

async function setUp(url: string): Promise<void> {
  const admin = await apiLogin(url, 'admin', PASSWORD);
  staff = await apiLogin(url, 'staff', PASSWORD);
  const applicant = await apiLogin(url, 'applicant', PASSWORD);
  const me = await applicant.call<{ user: { organisationUscc: string } }>('GET', '/api/auth/me');
  const own = await staff.call<{ uscc: string; name: string }>('GET', `/api/organisations/${me.user.organisationUscc}`);
  const orgs = (await staff.call<{ items: { uscc: string; name: string }[] }>('GET', '/api/organisations?pageSize=20')).items;
  const others = orgs.filter((o) => o.uscc !== own.uscc).slice(0, 2);
  if (others.length < 2) throw new Error('demo organisations missing');
  const applicants = [applicant];
  for (const [i, o] of others.entries()) {
    await admin.call('POST', '/api/users', { username: `unit${i}`, displayName: `联系人${i}`, role: 'applicant', password: PASSWORD, organisationUscc: o.uscc });
    applicants.push(await apiLogin(url, `unit${i}`, PASSWORD));
  }
  const units = [own, ...others];
  world.secrets = units.flatMap((o) => [o.name, o.uscc]);

  const program = await staff.call<{ id: number; rounds: { id: number }[] }>('POST', '/api/programs', {
    type: 'competition', ownerOffice: '市总工会', cycleYear: 2026, status: 'published', title: label('评审测试竞赛', 'Scoring test competition'),
    call: {
      opensAt: shanghai(-1), closesAt: shanghai(30),
      fields: [{ key: 'summary', label: label('成果简介', 'Summary'), type: 'longtext', required: true }],
      attachments: [{ key: 'report', label: label('成果报告', 'Report'), extensions: ['pdf'], maxSizeMb: 1 }],
    },
    rounds: [
      { key: 'screening', kind: 'screening', name: label('初筛', 'Screening') },
      { key: 'scoring', kind: 'scoring', name: label('专家评分', 'Expert scoring') },
      { key: 'final', kind: 'panel', name: label('终评答辩', 'Final panel') },
    ],
    categories: [{ key: 'ai', name: label('人工智能', 'AI'), quotas: { scoring: 1, final: 1 } }],
  });
  const [screening, scoring, final] = program.rounds.map((r) => r.id) as [number, number, number];
  Object.assign(world, { programId: program.id, scoringRound: scoring, finalRound: final });
  const values = [9, 7, 5];
  for (const [i, c] of applicants.entries()) {
    const app = await c.call<{ id: number }>('POST', '/api/applications', {
      programId: program.id, title: `智能质检成果${i + 1}`, category: 'ai', values: { summary: `一种视觉检测方法（第${i + 1}项）` },
    });
    if (i === 0) {
      const name = `${units[0]?.name ?? ''}-成果报告.pdf`;
      await c.upload(`/api/applications/${app.id}/attachments?key=report`, name, 'application/pdf', Buffer.from('%PDF-1.4\n评审测试\n'));
    }
    await c.call('POST', `/api/applications/${app.id}/submit`);
    world.apps.push({ id: app.id, value: values[i] ?? 5 });
  }
  await staff.call('POST', `/api/rounds/${screening}/screening/run`);
  for (const a of world.apps) {
    await staff.call('POST', `/api/rounds/${screening}/screening/decisions`, { applicationId: a.id, outcome: 'advance', reasonCode: 'other', note: '人工审核通过' });
  }
  await staff.call('POST', `/api/rounds/${screening}/close`);

  // Two scoring experts tagged for this round; the chair, untagged, stays out of the draw.
  for (const username of ['scorer1', 'scorer2']) {
    const user = await admin.call<{ id: number }>('POST', '/api/users', { username, displayName: `评分专家${username.slice(-1)}`, role: 'expert', password: PASSWORD });
    const e = await staff.call<{ id: number }>('POST', '/api/experts', { name: `评分专家${username.slice(-1)}`, tags: ['评分组'], userId: user.id });
    world.experts.push({ id: e.id, username });
  }
  const chairUser = (await admin.call<{ items: { id: number; username: string }[] }>('GET', '/api/users')).items.find((u) => u.username === 'chair');
  world.chairExpertId = (await staff.call<{ id: number }>('POST', '/api/experts', { name: world.chairName, professionalTitle: '中国工程院院士', tags: ['院士'], userId: chairUser?.id })).id;
}

beforeAll(async () => {
  server = await startServer(WEB_DIST);
  await setUp(server.url);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const { byTestId, pick, login, logout } = pageUi(() => ({ page, context: browser.context, url: server.url }));

describe('scoring, the expert portal and panels in the browser', () => {
  it('lets staff configure a blind random draw, run it and remind the experts', async () => {
    await login('staff');
    await page.goto(`${server.url}/programs/${world.programId}`);
    await byTestId('round-scoring-scoring').click();
    await page.waitForURL(/\/scoring/);
    await byTestId('tab-config').click();
    expect(await byTestId('config-blind').getAttribute('aria-checked')).toBe('true');
    await pick('config-mode', zh('scoringRound.mode.random'));
    await byTestId('config-seed').fill('2026-e2e');
    await byTestId('config-per-entry').fill('2');
    await byTestId('config-expert-tags').click();
    await page.keyboard.type('评分组');
    await page.keyboard.press('Enter');
    await byTestId('config-save').click();
    await page.getByText(zh('scoringRound.config.saved')).first().waitFor();

    await byTestId('tab-assignments').click();
    await byTestId('assign-run').click();
    await byTestId('assign-summary').waitFor();
    expect(await byTestId('assign-summary').innerText()).toContain('2026-e2e');
    await byTestId('blind-note').waitFor();
    const rows = byTestId('assignments-table').locator('tbody tr[data-testid^="assignment-"]');
    await expect.poll(() => rows.count()).toBe(6);
    // each assignment explains itself: the engine's choice and the seeded draw
    expect(await rows.first().innerText()).toContain('2026-e2e');
    // the office sees who applied
    expect(await byTestId('assignments-table').innerText()).toContain(world.secrets[0]);

    await byTestId('tab-progress').click();
    await byTestId('remind-all').click();
    await page.getByText(zh('scoringRound.progress.reminded', { n: 2 })).first().waitFor();
    await logout();
  });

  it('lets an expert read the reminder and score an item, never seeing who applied', async () => {
    const seen: string[] = [];
    const pending: Promise<void>[] = [];
    const record = (r: Response) => {
      if (!r.url().includes('/api/')) return;
      pending.push(r.text().then((t) => void seen.push(`${r.url()}\n${t}`), () => undefined));
    };
    page.on('response', record);
    const snapshot = async () => seen.push(`${page.url()}\n${await page.content()}`);
    try {
      await login('scorer1');
      await page.waitForURL('**/reviews');
      await byTestId('nav-reviews').waitFor();
      const rows = byTestId('reviews-table').locator('tbody tr[data-testid^="review-row-"]');
      await expect.poll(() => rows.count()).toBe(3);
      await snapshot();

      // the reminder, in the header
      expect(await byTestId('notifications-count').innerText()).toContain('1');
      await byTestId('notifications').click();
      await byTestId('notifications-list').filter({ hasText: '专家评分' }).waitFor();
      await snapshot();
      await page.keyboard.press('Escape');

      // the item with the attachment: neutral name, no applicant
      await rows.first().getByRole('link').click();
      await byTestId('review-title').waitFor();
      await byTestId('review-blind').waitFor();
      expect(await byTestId('review-applicant').count()).toBe(0);
      expect(await byTestId('review-attachments').innerText()).toContain('附件1.pdf');
      await snapshot();

      const value = world.apps[0]?.value ?? 9;
      for (const key of ['innovativeness', 'practicality', 'application_effect', 'promotion_prospects']) {
        await byTestId(`score-${key}`).fill(String(value));
      }
      await byTestId('comment-innovativeness').fill('思路新颖，检测精度高');
      await byTestId('comment-overall').fill('建议入围');
      await byTestId('sheet-save').click();
      await byTestId('sheet-status').filter({ hasText: zh('scoringRound.sheet.draft') }).waitFor();
      expect(await byTestId('weighted-score').innerText()).toBe(zh('expertPortal.weighted', { score: value * 10 }));
      await byTestId('sheet-submit').click();
      await byTestId('sheet-submit-ok').click();
      await byTestId('sheet-status').filter({ hasText: zh('scoringRound.sheet.submitted') }).waitFor();
      expect(await byTestId('sheet-submit').count()).toBe(0);
      await snapshot();

      await byTestId('reviews-back').click();
      await byTestId('reviews-todo').filter({ hasText: zh('expertPortal.todo', { n: 2 }) }).waitFor();
      await snapshot();
      await logout();
    } finally {
      page.off('response', record);
      await Promise.all(pending);
    }
    const everything = seen.join('\n');
    expect(seen.length).toBeGreaterThan(8);
    expect(everything).toContain('附件1.pdf');
    for (const secret of world.secrets) expect(everything, `leaked ${secret}`).not.toContain(secret);
  });

  it('lets staff follow progress, select over the quota with a reason and close the round', async () => {
    // the other sheets, through the API
    for (const e of world.experts) {
      const client = await apiLogin(server.url, e.username, PASSWORD);
      const items = (await client.call<{ items: { assignmentId: number; entryId: number; sheetStatus: string }[] }>('GET', '/api/expert/items')).items;
      for (const item of items.filter((i) => i.sheetStatus !== 'submitted')) {
        const v = world.apps.find((a) => a.id === item.entryId)?.value ?? 5;
        await client.call('POST', `/api/expert/assignments/${item.assignmentId}/submit`, {
          scores: { innovativeness: v, practicality: v, application_effect: v, promotion_prospects: v }, comments: {}, comment: '',
        });
      }
    }
    await login('staff');
    await page.goto(`${server.url}/programs/${world.programId}/rounds/${world.scoringRound}/scoring?tab=progress`);
    await byTestId('progress-totals').filter({ hasText: zh('scoringRound.progress.totals', { submitted: 6, draft: 0, assigned: 6 }) }).waitFor();
    expect(await byTestId(`progress-expert-${world.experts[0]?.id}`).innerText()).toContain('3');
    await byTestId('progress-categories').filter({ hasText: '人工智能' }).waitFor();

    await byTestId('tab-results').click();
    const [first, second] = world.apps;
    await byTestId(`result-${first?.id}`).waitFor();
    expect(await byTestId(`result-${first?.id}`).innerText()).toContain(zh('scoringRound.results.proposed'));
    expect(await byTestId(`select-${first?.id}`).isChecked()).toBe(true);
    expect(await byTestId(`select-${second?.id}`).isChecked()).toBe(false);
    await byTestId(`select-${second?.id}`).check();
    await byTestId('decision-over-quota').waitFor();
    await byTestId('decision-save').click();
    await page.locator('.ant-form-item-explain-error', { hasText: zh('scoringRound.reasonRequired', { min: 4 }) }).waitFor();
    await byTestId('decision-override-reason').fill('第二名与第一名差距小，增补进入终评答辩');
    await byTestId('decision-save').click();
    await byTestId('decision-current').filter({ hasText: '增补进入终评答辩' }).waitFor();

    await byTestId('scoring-close').click();
    await byTestId('scoring-close-ok').click();
    await byTestId('round-status').filter({ hasText: zh('programs.roundStatus.closed') }).waitFor();
    expect(await byTestId('assign-run').count()).toBe(0);

    // the panel round: one panel for the category, led by the chair
    await page.goto(`${server.url}/programs/${world.programId}`);
    await byTestId('round-panels-final').click();
    await page.waitForURL(/\/panels$/);
    await byTestId('panel-create').click();
    await pick('panel-category', '人工智能');
    await pick('panel-chair', world.chairName);
    await byTestId('panel-create-ok').click();
    await byTestId('panel-ai').waitFor();
    expect(await byTestId('panel-ai').locator('[data-testid^="panel-entry-"]').count()).toBe(2);
    await logout();
  });

  it('lets the panel chair mark every entry, see the ranking and sign off', async () => {
    const [first, second] = world.apps;
    await login('chair');
    await page.waitForURL('**/my-panels');
    await byTestId('my-panels').locator('a').first().click();
    await byTestId('panel-entries').waitFor();
    for (const [app, mark] of [[first, 92], [second, 85]] as const) {
      await byTestId(`mark-score-${app?.id}`).fill(String(mark));
      await byTestId(`mark-save-${app?.id}`).click();
      await byTestId(`mark-${app?.id}`).filter({ hasText: zh('panelRound.marked') }).waitFor();
    }
    // The chair then declares a conflict with the second entry: the mark is withdrawn and the entry shows the recusal.
    await byTestId(`recuse-${second?.id}`).click();
    await byTestId('recuse-reason').fill('本人曾参与该成果的研发');
    await byTestId('recuse-ok').click();
    await byTestId(`recused-${second?.id}`).filter({ hasText: zh('panelRound.recusedTag.declared') }).waitFor();
    expect(await byTestId(`mark-${second?.id}`).count()).toBe(0);
    await byTestId(`recusal-${second?.id}-${world.chairExpertId}`).filter({ hasText: '本人曾参与该成果的研发' }).waitFor();
    const top = byTestId(`ranking-line-${first?.id}`);
    await top.filter({ hasText: zh('panelRound.selected') }).waitFor();
    expect(await byTestId(`ranking-line-${second?.id}`).innerText()).not.toContain(zh('panelRound.selected'));

    await byTestId('sign-off-note').fill('经评审组讨论一致通过');
    await byTestId('sign-off').click();
    await byTestId('sign-off-ok').click();
    await byTestId('panel-status').filter({ hasText: zh('panelRound.status.signed_off') }).waitFor();
    expect(await byTestId('sign-off').count()).toBe(0);
    await logout();

    // the office records an honour and closes the round
    await login('staff');
    await page.goto(`${server.url}/programs/${world.programId}/rounds/${world.finalRound}/panels`);
    await byTestId('panel-status-ai').filter({ hasText: zh('panelRound.status.signed_off') }).waitFor();
    await pick(`honour-${first?.id}`, zh('panelRound.honourLevel.provincial_ministerial'));
    await page.getByText(zh('panelRound.honourSaved')).first().waitFor();
    await byTestId('panels-close').click();
    await byTestId('panels-close-ok').click();
    await byTestId('round-status').filter({ hasText: zh('programs.roundStatus.closed') }).waitFor();
  });
});
