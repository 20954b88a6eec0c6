/**
 * The 2019 competition replayed on the demo registry through the services, on both databases: the
 * counts of every round come from running it. Then its record: `keping program export` writes the
 * bundle, `keping program recompute` finds every round's results identical — and names the result
 * that was changed behind the application's back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recomputeProgram, type ProgramBundle } from '@keping/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideAudit } from '../src/audit/audit-guard.js';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { type CompetitionDemoResult, seedCompetitionDemo } from '../src/demo/competition-demo.js';
import { seedDemo } from '../src/demo/demo.service.js';
import { exportProgram } from '../src/programs/export-bundle.js';
import { DATABASES } from './databases.js';

const BIN = join(import.meta.dirname, '../bin/keping.mjs');
const ctx = systemContext('zh-CN', () => new Date('2026-11-25T02:00:00Z'));

describe.each(DATABASES)('program record bundle on $name', (database) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  let programId: number;
  let replay: CompetitionDemoResult;
  const dir = mkdtempSync(join(tmpdir(), 'keping-bundle-'));
  beforeAll(async () => {
    ({ store, url, dispose } = await database.open());
    await seedDemo(store, ctx, { count: 2200, seed: 'bundle-test', top100: false });
    replay = await seedCompetitionDemo(store, ctx, { password: 'Judge-Demo-2026' });
    programId = replay.programId;
  }, 300_000);
  afterAll(async () => {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const keping = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, KEPING_DATABASE_URL: url, KEPING_LANG: 'en' }, input: '' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('replays the competition: 294 achievements from 210 units, screened, reviewed to the quotas, judged by three panels, announced', () => {
    expect(replay).toMatchObject({
      units: 210, achievements: 294, experts: 31,
      screening: { advanced: 278, rejected: 16 },
      review: { sheets: 1390, advanced: 185, perCategory: { ic: 49, ai: 68, bio: 68 } },
      final: { selected: 90, perCategory: { ic: 26, ai: 29, bio: 35 } },
      publication: {
        announced: 90, objections: { upheld: 1, dismissed: 1 },
        awards: { medal: { granted: 43 }, collective: { granted: 25 }, unit: { granted: 11 }, organising: { granted: 10 } },
        finalEntries: 89 + 43 + 25 + 11 + 10, certificates: 89 + 43 + 25 + 11 + 10,
      },
    });
  });

  it('exports the competition and recomputes every round identically', async () => {
    const bundle = await exportProgram(store, ctx, programId);
    expect(bundle.applications).toHaveLength(294);
    expect(new Set(bundle.applications.map((a) => a.uscc)).size).toBe(210);
    const report = recomputeProgram(bundle);
    expect(report.rounds.map((r) => [r.key, r.checked, r.differences])).toEqual([
      ['screening', 294, []], ['review', 278, []], ['final', 185, []],
    ]);
    expect(report.identical).toBe(true);
  });

  it('publishes each achievement with the rank and score its final round decided, which the scoring sheets give again', async () => {
    const bundle = await exportProgram(store, ctx, programId);
    const final = bundle.rounds[2]!;
    const decided = new Map(bundle.decisions.filter((d) => d.roundId === final.roundId).map((d) => [d.applicationId, d]));
    const listed = bundle.published.filter((e) => e.status === 'listed');
    expect(listed).toHaveLength(89);
    for (const e of listed) {
      const d = decided.get(e.applicationId!)!;
      expect(d.advanced).toBe(true);
      expect([e.rank, e.score, e.category]).toEqual([d.rank, d.score, d.category]);
      expect(e.rank).toBeGreaterThanOrEqual(1);
    }
    // per category the published ranks are the panel's own order: 1 first, never above the category's seats
    for (const category of ['ic', 'ai', 'bio']) {
      const ranks = listed.filter((e) => e.category === category).map((e) => e.rank!);
      expect(Math.min(...ranks), category).toBe(1);
      expect(ranks, category).toEqual([...ranks].sort((a, b) => a - b));
    }
    // every entry of the review round has its score, rank and reason; the reasons say why it went on or stopped
    const review = bundle.decisions.filter((d) => d.roundId === bundle.rounds[1]!.roundId);
    expect(review).toHaveLength(278);
    expect(review.filter((d) => d.advanced)).toHaveLength(185);
    expect(new Set(review.filter((d) => d.advanced).map((d) => d.reason))).toEqual(new Set(['within_quota']));
    expect(review.every((d) => d.score !== null && d.rank !== null)).toBe(true);
    // a published rank changed behind the list's back is named by the recompute
    const edited: ProgramBundle = structuredClone(bundle);
    const line = edited.published.find((e) => e.status === 'listed')!;
    line.rank = line.rank! + 1;
    const report = recomputeProgram(edited);
    expect(report.identical).toBe(false);
    expect(report.publication).toEqual([{ applicationId: line.applicationId, what: 'publication.rank', recorded: String(line.rank), recomputed: String(line.rank - 1) }]);
  });

  it('names an assignment onto a conflict and a panel list that departs from the marks', async () => {
    const bundle = await exportProgram(store, ctx, programId);
    const review = bundle.rounds[1]!;
    const final = bundle.rounds[2]!;
    if (review.kind !== 'scoring' || final.kind !== 'panel') throw new Error('rounds');
    const edited: ProgramBundle = structuredClone(bundle);
    const e1 = edited.rounds[1] as typeof review;
    const active = e1.assignments.find((a) => a.status === 'active')!;
    e1.excluded.push({ applicationId: active.applicationId, expertId: active.expertId });
    const e2 = edited.rounds[2] as typeof final;
    const panel = e2.panels[0]!;
    const dropped = panel.selected![0]!;
    for (const m of panel.marks) if (m.applicationId === dropped) m.score = 0;
    const whats = recomputeProgram(edited).rounds.flatMap((r) => r.differences.map((d) => d.what));
    expect(whats).toContain('scoring.assignment.conflict');
    expect(whats).toContain('panel.selected');
  });

  it('names a verdict changed in the database, and a fact changed in the bundle', async () => {
    const bundle = await exportProgram(store, ctx, programId);
    const rejected = (bundle.rounds[0] as { results: { applicationId: number; verdict: string }[] }).results.find((r) => r.verdict === 'ineligible')!;
    // Behind the application's back: a rejected entry's verdict rewritten as eligible.
    await outsideAudit('test: a verdict rewritten behind the application\'s back', () =>
      store.db.updateTable('screening_results').set({ verdict: 'eligible' }).where('application_id', '=', rejected.applicationId).execute());
    const tampered = recomputeProgram(await exportProgram(store, ctx, programId));
    expect(tampered.identical).toBe(false);
    expect(tampered.rounds[0]!.differences).toEqual([{ applicationId: rejected.applicationId, what: 'screening.verdict', recorded: 'eligible', recomputed: 'ineligible' }]);
    await outsideAudit('test: the verdict put back', () =>
      store.db.updateTable('screening_results').set({ verdict: 'ineligible' }).where('application_id', '=', rejected.applicationId).execute());

    const edited: ProgramBundle = structuredClone(bundle);
    const app = edited.applications.find((a) => a.id === rejected.applicationId)!;
    edited.facts[app.uscc] = { ...edited.facts[app.uscc], field: 'ai' };
    expect(recomputeProgram(edited).rounds[0]!.differences.map((d) => d.what)).toContain('screening.verdict');
  });

  it('runs as keping program export / recompute with exit codes 0, 1 and 2', () => {
    const out = join(dir, `program-${database.name}.json`);
    const exported = keping(['program', 'export', String(programId), '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('294 applications, 3 rounds');
    const same = keping(['program', 'recompute', out]);
    expect(same.code).toBe(0);
    expect(same.out).toContain('Every recomputed result is identical');
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as ProgramBundle;
    bundle.decisions[0]!.advanced = !bundle.decisions[0]!.advanced;
    writeFileSync(out, JSON.stringify(bundle));
    const differs = keping(['program', 'recompute', out, '--json']);
    expect(differs.code).toBe(1);
    expect(JSON.parse(differs.out)).toMatchObject({ identical: false });
    writeFileSync(out, '{"not":"a bundle"}');
    const unreadable = keping(['program', 'recompute', out]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.err).toContain('is not a Keping program bundle');
    expect(keping(['program', 'frobnicate']).code).toBe(2);
  });
});
