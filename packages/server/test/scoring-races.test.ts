/**
 * Score sheets under concurrency, on both databases: many parallel first saves of one sheet never
 * fail with a 5xx (the first save is an upsert), and many parallel submissions of the same sheets
 * are accepted exactly once each (a conditional write that succeeds once), the stored sheet being
 * the one acknowledged, with one audit entry per submission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './databases.js';
import { type Harness, startHarness } from './harness.js';
import { CONFIG, ENTRIES, type EntryName, err, setUpScoringWorld, type ScoringWorld, sheet } from './scoring-setup.js';

describe.each(DATABASES)('score sheets under concurrency on $name', (database) => {
  let h: Harness;
  let world: ScoringWorld;
  const active = () => h.store.db.selectFrom('scoring_assignments').selectAll().where('round_id', '=', world.roundId)
    .where('status', '=', 'active').orderBy('id').execute();
  const clientOf = (expertId: number) => world.experts.find((e) => e.id === expertId)!.client;

  beforeAll(async () => {
    h = await startHarness(database);
    world = await setUpScoringWorld(h, (c) => c);
    expect((await world.staff.request({ method: 'PUT', url: `/api/rounds/${world.roundId}/scoring/config`, payload: CONFIG })).statusCode).toBe(200);
    expect((await world.staff.request({ method: 'POST', url: `/api/rounds/${world.roundId}/scoring/assign` })).statusCode).toBe(200);
  });
  afterAll(async () => h.dispose());

  it('takes 200 parallel first saves of one sheet without a server error, keeping one sheet', async () => {
    const [first] = await active();
    const client = clientOf(first!.expert_id);
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => client.request({
      method: 'PUT', url: `/api/expert/assignments/${first!.id}/sheet`, payload: { scores: { innovativeness: (i % 10) + 0.5 } },
    })));
    expect(responses.filter((r) => r.statusCode >= 500)).toEqual([]);
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const sheets = await h.store.db.selectFrom('scoring_scores').selectAll().where('assignment_id', '=', first!.id).execute();
    expect(sheets).toHaveLength(1);
    expect(sheets[0]!.status).toBe('draft');
  });

  it('accepts 200 parallel submissions of 8 sheets exactly once each, storing what it acknowledged', async () => {
    const sheets = (await active()).slice(0, 8);
    expect(sheets).toHaveLength(8);
    const byApp = new Map(Object.entries(world.app).map(([name, id]) => [id, name as EntryName]));
    const auditBefore = await h.store.db.selectFrom('audit_log').select('id').where('action', '=', 'scoring.submit').execute();
    // 25 attempts on each sheet, each with its own scores so the stored sheet tells which one won
    const attempts = Array.from({ length: 200 }, (_, i) => {
      const a = sheets[i % 8]!;
      const base = ENTRIES[byApp.get(a.application_id)!].score;
      const value = Math.max(0, Math.min(10, base - (Math.floor(i / 8) % 2) * 0.5));
      return { a, value, comment: `第${i}次提交` };
    });
    const responses = await Promise.all(attempts.map(({ a, value, comment }) => clientOf(a.expert_id).request({
      method: 'POST', url: `/api/expert/assignments/${a.id}/submit`, payload: { ...sheet(value), comment },
    })));
    expect(responses.filter((r) => r.statusCode >= 500)).toEqual([]);
    const accepted = responses.map((r, i) => ({ r, ...attempts[i]! })).filter((x) => x.r.statusCode === 200);
    expect(accepted).toHaveLength(8);
    expect(new Set(accepted.map((x) => x.a.id)).size).toBe(8);
    for (const x of responses.filter((r) => r.statusCode !== 200)) {
      expect(x.statusCode).toBe(409);
      expect(err(x).code).toBe('SCORE_SHEET_ALREADY_SUBMITTED');
    }
    for (const x of accepted) {
      const stored = await h.store.db.selectFrom('scoring_scores').selectAll().where('assignment_id', '=', x.a.id).executeTakeFirstOrThrow();
      expect(stored.status).toBe('submitted');
      expect(JSON.parse(stored.comments)).toMatchObject({ overall: x.comment });
      expect(JSON.parse(stored.scores)).toEqual(sheet(x.value).scores);
    }
    const audits = await h.store.db.selectFrom('audit_log').select(['id', 'subject_id']).where('action', '=', 'scoring.submit').execute();
    const fresh = audits.filter((a) => !auditBefore.some((b) => b.id === a.id));
    expect(fresh.map((a) => Number(a.subject_id)).sort((x, y) => x - y)).toEqual(sheets.map((s) => s.id).sort((x, y) => x - y));
  });

  it('closes the round once under 50 parallel requests, recording each entry\'s decision once', async () => {
    const decided = await world.staff.request({
      method: 'POST', url: `/api/rounds/${world.roundId}/scoring/decision`, payload: { acceptIncompleteReason: '评审期已过，按已提交评分确定' },
    });
    expect(decided.statusCode).toBe(200);
    const responses = await Promise.all(Array.from({ length: 50 }, () => world.staff.request({ method: 'POST', url: `/api/rounds/${world.roundId}/scoring/close` })));
    expect(responses.filter((r) => r.statusCode >= 500)).toEqual([]);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of responses.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode).toBe(409);
      expect(err(r).code).toBe('ROUND_CLOSED');
    }
    const decisions = await h.store.db.selectFrom('round_advancements').select('application_id').where('round_id', '=', world.roundId).execute();
    expect(decisions.length).toBe(new Set(decisions.map((d) => d.application_id)).size);
    expect(decisions.length).toBe(6);
    const closes = await h.store.db.selectFrom('audit_log').select('id').where('action', '=', 'round.close').where('subject_id', '=', String(world.roundId)).execute();
    expect(closes).toHaveLength(1);
  });
});
