/**
 * State changes guarded by a read, under concurrency, on both databases: a recusal hands an entry to
 * its reserve once however many times it is sent; an award's quota holds when its nominations are
 * granted in parallel (the count is read under a lock of the award type, so a grant decided at the
 * same moment is counted); a removal of an assignment happens once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './databases.js';
import { type Harness, startHarness } from './harness.js';
import { CONFIG, err, setUpScoringWorld, type ScoringWorld } from './scoring-setup.js';

describe.each(DATABASES)('guarded state changes under concurrency on $name', (database) => {
  let h: Harness;
  let world: ScoringWorld;
  const assignments = () => h.store.db.selectFrom('scoring_assignments').selectAll().where('round_id', '=', world.roundId).orderBy('id').execute();
  const audits = (action: string) => h.store.db.selectFrom('audit_log').select(['id', 'subject_id']).where('action', '=', action).execute();
  const clientOf = (expertId: number) => world.experts.find((e) => e.id === expertId)!.client;

  beforeAll(async () => {
    h = await startHarness(database);
    world = await setUpScoringWorld(h, (c) => c);
    expect((await world.staff.request({ method: 'PUT', url: `/api/rounds/${world.roundId}/scoring/config`, payload: CONFIG })).statusCode).toBe(200);
    expect((await world.staff.request({ method: 'POST', url: `/api/rounds/${world.roundId}/scoring/assign` })).statusCode).toBe(200);
  });
  afterAll(async () => h.dispose());

  it('takes 40 parallel recusals of one assignment once: one reserve takes over, one audit entry', async () => {
    const before = await assignments();
    const target = before.find((a) => a.status === 'active' && before.some((r) => r.application_id === a.application_id && r.status === 'reserve'))!;
    const client = clientOf(target.expert_id);
    expect((await client.request({ method: 'GET', url: `/api/expert/assignments/${target.id}` })).statusCode).toBe(200);
    const responses = await Promise.all(Array.from({ length: 40 }, () => client.request({
      method: 'POST', url: `/api/expert/assignments/${target.id}/recuse`, payload: { reason: '曾参与该成果研发' },
    })));
    expect(responses.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of responses.filter((x) => x.statusCode !== 200)) expect([r.statusCode, err(r).code]).toEqual([409, 'ASSIGNMENT_RECUSED']);
    const after = (await assignments()).filter((a) => a.application_id === target.application_id);
    const was = (id: number) => before.find((b) => b.id === id)!.status;
    expect(after.filter((a) => a.status === 'active' && was(a.id) === 'reserve')).toHaveLength(1);
    expect(after.filter((a) => a.status === 'recused')).toHaveLength(1);
    expect((await audits('scoring.recuse')).filter((a) => a.subject_id === String(target.id))).toHaveLength(1);
  });

  it('removes an assignment once under 30 parallel requests', async () => {
    const target = (await assignments()).find((a) => a.status === 'active')!;
    const responses = await Promise.all(Array.from({ length: 30 }, () => world.staff.request({
      method: 'POST', url: `/api/scoring-assignments/${target.id}/remove`, payload: { reason: '专家临时出差' },
    })));
    expect(responses.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of responses.filter((x) => x.statusCode !== 200)) expect(r.statusCode).toBe(404);
    expect((await audits('scoring.assignment.remove')).filter((a) => a.subject_id === String(target.id))).toHaveLength(1);
  });

  it('keeps an award quota of 2 when 12 nominations are granted in parallel', async () => {
    const round = await h.store.db.selectFrom('program_rounds').select('program_id').where('id', '=', world.roundId).executeTakeFirstOrThrow();
    const type = await world.staff.request({
      method: 'POST', url: `/api/programs/${round.program_id}/award-types`,
      payload: { key: 'racemedal', kind: 'individual_medal', name: { zh: '竞速奖章', en: 'Race medal' }, quota: 2 },
    });
    expect(type.statusCode).toBe(201);
    const typeId = (type.json() as { id: number }).id;
    const nominations: number[] = [];
    for (let i = 0; i < 12; i++) {
      const n = await world.staff.request({
        method: 'POST', url: `/api/award-types/${typeId}/nominations`, payload: { person: { name: `候选人${i}`, organisation: '示例有限公司' } },
      });
      expect(n.statusCode).toBe(201);
      nominations.push((n.json() as { id: number }).id);
    }
    const responses = await Promise.all(nominations.map((id) => world.staff.request({
      method: 'POST', url: `/api/nominations/${id}/decision`, payload: { outcome: 'granted' },
    })));
    expect(responses.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(2);
    for (const r of responses.filter((x) => x.statusCode !== 200)) expect([r.statusCode, err(r).code]).toEqual([409, 'AWARD_QUOTA_FULL']);
    const granted = await h.store.db.selectFrom('award_nominations').select('id').where('award_type_id', '=', typeId).where('status', '=', 'granted').execute();
    expect(granted).toHaveLength(2);
  });
});
