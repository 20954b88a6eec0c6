/**
 * Designations in programs, through the API on both databases: a call's screening reads the
 * designation facts (tier held on the as-of day, years since a revocation) derived from the dated
 * history, and a final list whose outcome grants a designation grants it, dated the finalisation day.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/context.js';
import { createUser } from '../src/users/user.service.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OTHER_USCC, OWN_USCC, PASSWORD, startHarness } from './harness.js';

const label = (zh: string, en: string) => ({ zh, en });
const PROGRAM = {
  type: 'designation', ownerOffice: '市经信委', cycleYear: 2026, status: 'published',
  title: label('2026年国家企业技术中心推荐', '2026 national enterprise technology center recommendation'),
  call: { opensAt: '2026-11-01 09:00', closesAt: '2026-12-01 17:00', ruleSetId: 'tech-center-national' },
  rounds: [{ key: 'screening', kind: 'screening', name: label('资格审查', 'Eligibility') }],
  outcomes: [{ key: 'national_center', name: label('国家企业技术中心', 'National technology center'), grants: { title: 'tech_center', tier: 'national' } }],
};

interface EventBody { kind: string; day: string; tier: string | null; fromTier: string | null; programId: number | null; decisionRef: string | null }
interface DesignationBody { id: number; title: string; tier: string; status: string; events: EventBody[] }
const err = (res: LightMyRequestResponse) => (res.json() as { error: { code: string; field?: string } }).error;

describe.each(DATABASES)('designations in programs on $name', (database) => {
  let h: Harness;
  let staff: Client;
  let programId = 0;
  let roundId = 0;
  const apps = { own: 0, other: 0 };
  const post = (c: Client, url: string, payload?: Record<string, unknown>) => c.request({ method: 'POST', url, ...(payload ? { payload } : {}) });
  const designationsOf = async (uscc: string) =>
    ((await staff.request({ method: 'GET', url: `/api/organisations/${uscc}/designations` })).json() as { items: DesignationBody[] }).items;

  beforeAll(async () => {
    h = await startHarness(database);
    await createUser(h.store, systemContext('zh-CN', () => h.clock.now), { username: 'other-applicant', displayName: 'o', role: 'applicant', password: PASSWORD, organisationUscc: OTHER_USCC });
    staff = await h.login('staff');
    // OWN: a municipal centre since 2020. OTHER: municipal too, but revoked in 2024 and granted again in 2025.
    expect((await post(staff, '/api/designations', { uscc: OWN_USCC, title: 'tech_center', tier: 'municipal', grantedOn: '2020-05-01', source: '沪经信技〔2020〕号公告' })).statusCode).toBe(201);
    const old = (await post(staff, '/api/designations', { uscc: OTHER_USCC, title: 'tech_center', tier: 'municipal', grantedOn: '2018-05-01', source: '沪经信技〔2018〕号公告' })).json() as { id: number };
    expect((await post(staff, `/api/designations/${old.id}/events`, { kind: 'revoked', day: '2024-06-01', reason: '评价不合格', decisionRef: '沪经信技〔2024〕9号' })).statusCode).toBe(201);
    expect((await post(staff, '/api/designations', { uscc: OTHER_USCC, title: 'tech_center', tier: 'municipal', grantedOn: '2025-01-01', source: '沪经信技〔2025〕号公告' })).statusCode).toBe(201);
  });
  afterAll(async () => h.dispose());

  it('draws an evaluation program\'s entries from the holders of a title on a day, with no application', async () => {
    const created = await post(staff, '/api/programs', {
      ...PROGRAM, type: 'evaluation', title: label('市级企业技术中心复核评价', 'Municipal technology centre evaluation'),
      call: { opensAt: '2026-11-01 09:00', closesAt: '2026-12-01 17:00' },
      rounds: [{ key: 'review', kind: 'scoring', name: label('评价打分', 'Evaluation') }], outcomes: [],
    });
    expect(created.statusCode).toBe(201);
    const evaluationId = (created.json() as { id: number }).id;
    const entries = async () => ((await staff.request({ method: 'GET', url: `/api/applications?programId=${evaluationId}` })).json() as {
      items: { uscc: string; status: string }[];
    }).items.map((a) => [a.uscc, a.status]).sort();
    // On 2024-12-31 OTHER's centre stood revoked (since 2024-06-01): only OWN holds it.
    const end2024 = await post(staff, `/api/programs/${evaluationId}/pool/holders`, { title: 'tech_center', tier: 'municipal', on: '2024-12-31' });
    expect(end2024.json()).toEqual({ added: 1, already: 0, holders: 1 });
    expect(await entries()).toEqual([[OWN_USCC, 'submitted']]);
    // By mid-2025 OTHER holds it again: drawing on that day adds it and keeps OWN once.
    const mid2025 = await post(staff, `/api/programs/${evaluationId}/pool/holders`, { title: 'tech_center', tier: 'municipal', on: '2025-06-30' });
    expect(mid2025.json()).toEqual({ added: 1, already: 1, holders: 2 });
    expect(await entries()).toEqual([[OTHER_USCC, 'submitted'], [OWN_USCC, 'submitted']].sort());
    // Nobody held a national centre then; a competition draws no holders; a tier the title lacks is refused.
    expect((await post(staff, `/api/programs/${evaluationId}/pool/holders`, { title: 'tech_center', tier: 'national', on: '2025-06-30' })).json()).toEqual({ added: 0, already: 0, holders: 0 });
    const wrongTier = await post(staff, `/api/programs/${evaluationId}/pool/holders`, { title: 'tech_center', tier: 'shanghai', on: '2025-06-30' });
    expect(err(wrongTier)).toMatchObject({ code: 'DESIGNATION_FILTER', field: 'tier' });
    const competition = (await post(staff, '/api/programs', { ...PROGRAM, type: 'competition', outcomes: [] })).json() as { id: number };
    const refused = await post(staff, `/api/programs/${competition.id}/pool/holders`, { title: 'tech_center', on: '2025-06-30' });
    expect(refused.statusCode).toBe(409);
    expect(err(refused).code).toBe('PROGRAM_NOT_HOLDER_POOL');
    const audit = await h.store.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'program.pool.holders').orderBy('id').execute();
    expect(audit.map((a) => (JSON.parse(a.after ?? '{}') as { added: number }).added)).toEqual([1, 1, 0]);
  });

  it('refuses an outcome granting a tier the title does not have', async () => {
    const bad = await post(staff, '/api/programs', { ...PROGRAM, outcomes: [{ ...PROGRAM.outcomes[0], grants: { title: 'tech_center', tier: 'shanghai' } }] });
    expect(bad.statusCode).toBe(400);
    expect(err(bad)).toMatchObject({ code: 'DESIGNATION_TIER_UNKNOWN', field: 'outcomes.0.grants.tier' });
    const unknown = await post(staff, '/api/programs', { ...PROGRAM, outcomes: [{ ...PROGRAM.outcomes[0], grants: { title: 'nobel', tier: 'national' } }] });
    expect(err(unknown).code).toBe('VALUE_UNKNOWN');
  });

  it('screens by the designation facts on the call\'s closing day', async () => {
    const created = await post(staff, '/api/programs', PROGRAM);
    expect(created.statusCode).toBe(201);
    const p = created.json() as { id: number; rounds: { id: number }[]; outcomes: { grants?: unknown }[] };
    expect(p.outcomes[0]?.grants).toEqual({ title: 'tech_center', tier: 'national' });
    programId = p.id;
    roundId = p.rounds[0]?.id ?? 0;
    for (const [who, username] of [['own', 'applicant'], ['other', 'other-applicant']] as const) {
      const c = await h.login(username);
      const app = (await post(c, '/api/applications', { programId, title: `${who} 技术中心`, category: null })).json() as { id: number };
      expect((await post(c, `/api/applications/${app.id}/submit`)).statusCode).toBe(200);
      apps[who] = app.id;
    }
    h.clock.now = new Date('2026-12-02T02:00:00Z');
    staff = await h.login('staff');
    expect((await post(staff, `/api/rounds/${roundId}/screening/run`)).json()).toMatchObject({ screened: 2, eligible: 1, ineligible: 1, unknown: 0 });
    const list = (await staff.request({ method: 'GET', url: `/api/rounds/${roundId}/screening` })).json() as {
      items: { applicationId: number; eligibility: { verdict: string; asOf: string; lines: { rule: string; passed: boolean | null; value: unknown }[] } }[];
    };
    const of = (id: number) => list.items.find((i) => i.applicationId === id)?.eligibility;
    expect(of(apps.own)).toMatchObject({ verdict: 'eligible', asOf: '2026-12-01' });
    expect(of(apps.other)?.verdict).toBe('ineligible');
    expect(of(apps.other)?.lines.filter((l) => l.rule !== 'tech_center_national').map((l) => [l.rule, l.passed, l.value])).toEqual([
      ['municipal_center', true, 'municipal'], ['no_recent_revocation', false, 0], ['never_revoked', false, 'yes'], ['revoked_long_ago', false, 2],
    ]);
  });

  it('grants the outcome\'s designation to the final list, dated the finalisation day, naming program and publication', async () => {
    expect((await post(staff, `/api/rounds/${roundId}/screening/decisions`, { applicationId: apps.own, outcome: 'advance', reasonCode: 'rule_passed' })).statusCode).toBe(200);
    expect((await post(staff, `/api/rounds/${roundId}/screening/decisions`, { applicationId: apps.other, outcome: 'reject', reasonCode: 'rule_failed' })).statusCode).toBe(200);
    expect((await post(staff, `/api/rounds/${roundId}/close`)).statusCode).toBe(200);
    const draft = await post(staff, `/api/programs/${programId}/publication`);
    expect(draft.statusCode).toBe(200);
    const publicationId = (draft.json() as { id: number }).id;
    expect((await post(staff, `/api/publications/${publicationId}/publish`, { startDate: '2026-12-03', endDate: '2026-12-09' })).statusCode).toBe(200);
    expect((await designationsOf(OWN_USCC))[0]?.tier).toBe('municipal');

    h.clock.now = new Date('2026-12-09T17:30:00Z'); // 2026-12-10 01:30 in Shanghai
    staff = await h.login('staff');
    expect((await post(staff, `/api/publications/${publicationId}/finalise`)).statusCode).toBe(200);

    const [centre, ...rest] = await designationsOf(OWN_USCC);
    expect(rest).toEqual([]);
    expect(centre).toMatchObject({ title: 'tech_center', tier: 'national', status: 'active', evaluationDue: '2028-12-10' });
    expect(centre?.events.map((e) => [e.kind, e.day, e.tier, e.fromTier, e.programId, e.decisionRef])).toEqual([
      ['granted', '2020-05-01', 'municipal', null, null, null],
      ['granted', '2026-12-10', 'national', 'municipal', programId, `publication:${publicationId}`],
    ]);
    expect((await designationsOf(OTHER_USCC)).map((d) => d.tier)).toEqual(['municipal', 'municipal']);
    const holders = (await staff.request({ method: 'GET', url: '/api/designations?title=tech_center&tier=national' })).json() as { items: { uscc: string }[] };
    expect(holders.items.map((i) => i.uscc)).toEqual([OWN_USCC]);
    const audit = await h.store.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', 'in', ['designation.event.granted', 'publication.finalise']).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'designation.event.granted', subject_id: OWN_USCC }, { action: 'publication.finalise', subject_id: String(publicationId) }]);
  });
});
