/**
 * Facts frozen at submission (issue 13): an application keeps the facts its verdict was evaluated
 * on; the applicant's later edits change neither the recorded verdict nor the screening result, are
 * marked self-declared until the office confirms them, and show to the office as differences; the
 * office re-runs screening on the live facts only with a reason, atomically, audited with before/after.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationFacts, Explained, Organisation, RerunResult, ScreeningList, SelfDeclaredMark } from '@keping/core';
import { systemContext } from '../src/context.js';
import { updateOrganisation } from '../src/registry/organisation.service.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OWN_USCC, startHarness } from './harness.js';

const label = (zh: string, en: string) => ({ zh, en });
const PROGRAM = {
  type: 'competition', ownerOffice: '市总工会', cycleYear: 2026, status: 'published',
  title: label('2026年度立功竞赛', '2026 innovation competition'),
  call: {
    opensAt: '2026-11-01 09:00', closesAt: '2026-12-01 17:00', allowedKinds: ['enterprise'], ruleSetId: 'competition-2019',
    fields: [], attachments: [],
  },
  rounds: [{ key: 'screening', kind: 'screening', name: label('初筛', 'Screening') }],
  categories: [],
  outcomes: [{ key: 'excellent', name: label('优秀成果', 'Excellent achievement'), quota: 10 }],
};

function err(res: LightMyRequestResponse) {
  return (res.json() as { error: { code: string; field?: string; errors?: { code: string; field?: string }[] } }).error;
}

describe.each(DATABASES)('facts frozen at submission on $name', (database) => {
  let h: Harness;
  let staff: Client;
  let own: Client;
  let appId = 0;
  let roundId = 0;
  const ctx = systemContext('zh-CN', () => h.clock.now);
  const audits = (action: string) => h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
  const facts = async () => (await staff.request({ method: 'GET', url: `/api/applications/${appId}/facts` })).json() as ApplicationFacts;
  const screening = async () => (await staff.request({ method: 'GET', url: `/api/rounds/${roundId}/screening` })).json() as ScreeningList;
  const marks = async (c: Client) => ((await c.request({ method: 'GET', url: `/api/organisations/${OWN_USCC}/facts/self-declared` })).json() as { marks: SelfDeclaredMark[] }).marks;
  /** The applicant saves its own record with some fields changed, as the organisation page does. */
  const applicantEdits = async (changes: Record<string, unknown>) => {
    const org = (await own.request({ method: 'GET', url: `/api/organisations/${OWN_USCC}` })).json() as Organisation;
    const res = await own.request({ method: 'PUT', url: `/api/organisations/${OWN_USCC}`, payload: { ...org, ...changes } });
    expect(res.statusCode).toBe(200);
  };
  const rerun = (payload: Record<string, unknown>, c: Client = staff) => c.request({ method: 'POST', url: `/api/applications/${appId}/facts/rerun`, payload });

  beforeAll(async () => {
    h = await startHarness(database);
    await updateOrganisation(h.store, ctx, OWN_USCC, {
      name: '申报示例有限公司', district: '310114', industryCode: 'C3973', kind: 'enterprise', established: '2020-03-01',
      listing: 'unlisted', talentFieldsOverride: ['ic'],
    });
    [staff, own] = [await h.login('staff'), await h.login('applicant')];
    const p = await staff.request({ method: 'POST', url: '/api/programs', payload: PROGRAM });
    expect(p.statusCode).toBe(201);
    const program = p.json() as { id: number; rounds: { id: number }[] };
    roundId = program.rounds[0]?.id ?? 0;
    const draft = await own.request({ method: 'POST', url: '/api/applications', payload: { programId: program.id, title: '晶圆缺陷检测', values: {} } });
    expect(draft.statusCode).toBe(201);
    appId = (draft.json() as { id: number }).id;
  });
  afterAll(async () => h.dispose());

  it('freezes the facts and the verdict at submission, each fact with its source', async () => {
    const res = await own.request({ method: 'POST', url: `/api/applications/${appId}/submit` });
    expect(res.statusCode).toBe(200);
    const f = await facts();
    expect(f.snapshot?.eligibility.verdict).toBe('eligible');
    expect(f.snapshot?.asOf).toBe('2026-12-01');
    const byFact = Object.fromEntries((f.snapshot?.facts ?? []).map((x) => [x.fact, x]));
    expect(byFact.field).toMatchObject({ value: 'ic', valueText: '集成电路', source: 'registry', sourceText: '登记信息', factText: '人才奖励领域' });
    expect(byFact.listing).toMatchObject({ value: 'unlisted', valueText: '未上市', source: 'registry' });
    expect(byFact['designation.tech_center']).toMatchObject({ value: 'none', source: 'designation', sourceText: '认定记录' });
    expect(f.changes).toEqual([]);
    const [submitted] = await audits('application.submit');
    expect(JSON.parse(submitted?.after ?? '{}')).toMatchObject({ eligibility: { verdict: 'eligible', facts: { field: { value: 'ic', source: 'registry' } } } });
    // The first run, 20 times in parallel: each finds the result missing, one at a time (the round is locked), no 5xx.
    const runs = await Promise.all(Array.from({ length: 20 }, () => staff.request({ method: 'POST', url: `/api/rounds/${roundId}/screening/run` })));
    expect(runs.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(await h.store.db.selectFrom('screening_results').select('application_id').where('round_id', '=', roundId).execute()).toHaveLength(1);
  });

  it('keeps the recorded verdict and screening result when the applicant edits listing, district and field', async () => {
    await applicantEdits({ listing: 'star_market', district: '310104', talentFieldsOverride: ['software'] });
    const preview = (await own.request({ method: 'GET', url: `/api/applications/${appId}/eligibility` })).json() as Explained;
    expect(preview.verdict).toBe('eligible');
    // Screening run again still reads the frozen facts (this result is undecided, so it is recomputed).
    expect((await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/screening/run` })).json()).toMatchObject({ screened: 1, eligible: 1 });
    const item = (await screening()).items.find((i) => i.applicationId === appId);
    expect(item?.eligibility.verdict).toBe('eligible');
    expect(item?.factsChanged?.sort()).toEqual(['上市情况', '人才奖励领域', '所在区'].sort());
    const line = item?.eligibility.lines.find((l) => l.rule === 'leading_industry');
    expect(line?.sources).toEqual([{ fact: 'field', factText: '人才奖励领域', source: 'registry', sourceText: '登记信息' }]);
  });

  it('shows the office each changed fact, snapshot against live, with the live source self-declared', async () => {
    const f = await facts();
    expect(f.changes.map((c) => c.fact)).toEqual(['district', 'field', 'listing']);
    const field = f.changes.find((c) => c.fact === 'field');
    expect(field?.before).toMatchObject({ value: 'ic', source: 'registry' });
    expect(field?.after).toMatchObject({ value: 'software', valueText: '软件', source: 'self_declared', sourceText: '申报单位自报' });
    expect(f.changes.find((c) => c.fact === 'district')?.after?.valueText).toBe('徐汇区');
    expect((await marks(own)).map((m) => m.field)).toEqual(['district', 'listing', 'talentFieldsOverride']);
    expect((await marks(staff))[0]).toMatchObject({ field: 'district', fieldText: '所在区' });
    // Only the office reads the comparison.
    expect((await own.request({ method: 'GET', url: `/api/applications/${appId}/facts` })).statusCode).toBe(403);
  });

  it('refuses a re-run without a reason, or by the applicant, writing nothing', async () => {
    const before = (await audits('screening.rerun')).length;
    for (const payload of [{}, { reason: '  ' }]) {
      const res = await rerun(payload);
      expect(res.statusCode).toBe(400);
      const e = err(res);
      expect([e.field, ...(e.errors ?? []).map((x) => x.field)]).toContain('reason');
    }
    expect((await rerun({ reason: '申报单位更正领域' }, own)).statusCode).toBe(403);
    expect((await audits('screening.rerun')).length).toBe(before);
    expect((await facts()).snapshot?.eligibility.verdict).toBe('eligible');
  });

  it('re-runs on the live facts with a reason: new verdict, decision cleared, audit keeps before and after', async () => {
    const decided = await staff.request({
      method: 'POST', url: `/api/rounds/${roundId}/screening/decisions`, payload: { applicationId: appId, outcome: 'advance', reasonCode: 'rule_passed', note: '' },
    });
    expect(decided.statusCode).toBe(200);
    const res = await rerun({ reason: '申报单位更正了所属领域' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ changed: true, verdictBefore: 'eligible', verdictAfter: 'ineligible', rounds: [roundId] } satisfies RerunResult);
    const item = (await screening()).items.find((i) => i.applicationId === appId);
    expect(item?.eligibility.verdict).toBe('ineligible');
    expect(item?.decision).toBeNull();
    expect(item?.factsChanged).toEqual([]);
    // The explanation names where the deciding fact now comes from.
    const line = item?.eligibility.lines.find((l) => l.rule === 'leading_industry');
    expect(line?.sources).toEqual([{ fact: 'field', factText: '人才奖励领域', source: 'self_declared', sourceText: '申报单位自报' }]);
    const [entry] = await audits('screening.rerun');
    const before = JSON.parse(entry?.before ?? '{}') as { snapshot: { verdict: string; facts: Record<string, { value: unknown }> }; rounds: { outcome: string }[] };
    const after = JSON.parse(entry?.after ?? '{}') as { reason: string; snapshot: { verdict: string; facts: Record<string, { value: unknown; source: string }> } };
    expect(before.snapshot.verdict).toBe('eligible');
    expect(before.snapshot.facts.field?.value).toBe('ic');
    expect(before.rounds[0]?.outcome).toBe('advance');
    expect(after).toMatchObject({ reason: '申报单位更正了所属领域', snapshot: { verdict: 'ineligible', facts: { field: { value: 'software', source: 'self_declared' } } } });
    expect((await facts()).changes).toEqual([]);
  });

  it('takes 50 racing re-runs as one: no server error, one audit entry', async () => {
    await applicantEdits({ talentFieldsOverride: ['ai'] });
    const before = (await audits('screening.rerun')).length;
    const results = await Promise.all(Array.from({ length: 50 }, () => rerun({ reason: '领域再次更正' })));
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.statusCode)).toEqual([]);
    expect(results.filter((r) => (r.json() as RerunResult).changed)).toHaveLength(1);
    expect((await audits('screening.rerun')).length).toBe(before + 1);
    expect((await facts()).snapshot?.eligibility.verdict).toBe('eligible');
  });

  it('lets the office confirm self-declared fields, once, however many confirmations race', async () => {
    expect((await own.request({ method: 'POST', url: `/api/organisations/${OWN_USCC}/facts/confirm`, payload: { fields: ['listing'] } })).statusCode).toBe(403);
    const bad = await staff.request({ method: 'POST', url: `/api/organisations/${OWN_USCC}/facts/confirm`, payload: { fields: ['name'] } });
    expect(bad.statusCode).toBe(400);
    const results = await Promise.all(Array.from({ length: 50 }, () =>
      staff.request({ method: 'POST', url: `/api/organisations/${OWN_USCC}/facts/confirm`, payload: { fields: ['talentFieldsOverride', 'listing'] } })));
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.statusCode)).toEqual([]);
    expect(results.filter((r) => (r.json() as { confirmed: string[] }).confirmed.length > 0)).toHaveLength(1);
    const entries = await audits('organisation.facts_confirm');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.after ?? '{}')).toEqual({ confirmed: ['listing', 'talentFieldsOverride'] });
    expect((await marks(staff)).map((m) => m.field)).toEqual(['district']);
    // Confirmed facts read as registry facts again; the frozen snapshot keeps the source it was evaluated on.
    const f = await facts();
    expect(f.live.find((x) => x.fact === 'field')?.source).toBe('registry');
    expect(f.snapshot?.facts.find((x) => x.fact === 'field')?.source).toBe('self_declared');
    // An office edit of a marked field is registry data: its mark goes.
    const org = (await staff.request({ method: 'GET', url: `/api/organisations/${OWN_USCC}` })).json() as Organisation;
    expect((await staff.request({ method: 'PUT', url: `/api/organisations/${OWN_USCC}`, payload: { ...org, district: '310115' } })).statusCode).toBe(200);
    expect(await marks(staff)).toEqual([]);
  });
});
