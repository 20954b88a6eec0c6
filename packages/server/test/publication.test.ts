/**
 * From the panel round to the certificate, through the API on both databases: screening → panel
 * (chairs, rubric marks, sign-off with a tie at the quota's edge, close → advancements), honours,
 * awards with quota refusal and override, the announcement (公示) with objections during and after
 * the period, the final list, certificates as PDF and their public verification.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideAudit } from '../src/audit/audit-guard.js';
import { systemContext } from '../src/context.js';
import { createExpert } from '../src/experts/expert.service.js';
import { createUser } from '../src/users/user.service.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OTHER_USCC, OWN_USCC, PASSWORD, startHarness } from './harness.js';

const label = (zh: string, en: string) => ({ zh, en });
const PROGRAM = {
  type: 'competition', ownerOffice: '市总工会', cycleYear: 2026, status: 'published',
  title: label('2026年度创新成果竞赛', '2026 innovation achievement competition'),
  call: { opensAt: '2026-11-01 09:00', closesAt: '2026-12-01 17:00' },
  rounds: [
    { key: 'screening', kind: 'screening', name: label('初筛', 'Screening') },
    {
      key: 'final', kind: 'panel', name: label('终评', 'Final'),
      config: { mode: 'score', criteria: [{ key: 'innovativeness', weight: 60 }, { key: 'practicality', weight: 40 }] },
    },
  ],
  categories: [
    { key: 'ai', name: label('人工智能', 'AI'), quotas: { final: 2 } },
    { key: 'ic', name: label('集成电路', 'IC'), quotas: { final: 1 } },
  ],
  outcomes: [{ key: 'excellent', name: label('优秀成果', 'Excellent achievement'), quota: 90 }],
};

interface ErrorBody { error: { code: string; field?: string; message: string; errors: { code: string; field?: string }[] } }
const err = (res: LightMyRequestResponse) => (res.json() as ErrorBody).error;
const fileForm = (fields: Record<string, string>, file?: { name: string; content: Buffer; type: string }) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  return fd;
};

describe.each(DATABASES)('panels, awards, publication and certificates on $name', (database) => {
  let h: Harness;
  let staff: Client;
  let admin: Client;
  let chairAi: Client;
  let chairIc: Client;
  let memberA: Client;
  let memberB: Client;
  let filesDir: string;
  let programId = 0;
  let screeningId = 0;
  let finalId = 0;
  const apps = { a1: 0, a2: 0, a3: 0, i1: 0, i2: 0 };
  const experts = { chairAi: 0, chairIc: 0, a: 0, b: 0 };
  const panels = { ai: 0, ic: 0 };
  let publicationId = 0;
  const entryOf = new Map<string, number>();
  const objections = { upheld: 0, dismissed: 0 };
  const ctx = systemContext('zh-CN', () => h.clock.now);
  const count = async (table: 'audit_log' | 'publication_objections' | 'publication_decisions' | 'award_nominations' | 'panel_results' | 'panel_marks' | 'panel_slots') =>
    Number((await h.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const stored = () => readdirSync(filesDir).filter((n) => n !== '.incoming').sort();
  const loginAll = async () => {
    [staff, admin, chairAi, chairIc, memberA, memberB] = [
      await h.login('staff'), await h.login('admin'), await h.login('chair'), await h.login('chair-ic'), await h.login('expert'), await h.login('expert-b'),
    ];
  };
  const post = (c: Client, url: string, payload?: unknown) => c.request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  /** `n` parallel calls of one state change: exactly one succeeds, the others get `refused` (409), none a server error. */
  const once = async (n: number, call: () => Promise<LightMyRequestResponse>, refused: string) => {
    const responses = await Promise.all(Array.from({ length: n }, call));
    expect(responses.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    const ok = responses.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    for (const r of responses.filter((x) => x.statusCode !== 200)) expect([r.statusCode, err(r).code]).toEqual([409, refused]);
    return ok[0]!;
  };
  const mark = (c: Client, panel: number, applicationId: number, innovativeness: number, practicality: number) =>
    post(c, `/api/panels/${panel}/marks`, { applicationId, criteria: { innovativeness, practicality } });

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'keping-pub-files-'));
    process.env.KEPING_FILES_DIR = filesDir;
    h = await startHarness(database);
    const userId = async (username: string) => (await h.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    await createUser(h.store, ctx, { username: 'chair-ic', displayName: '李院士', role: 'chair', password: PASSWORD, organisationUscc: null });
    await createUser(h.store, ctx, { username: 'expert-b', displayName: '王专家', role: 'expert', password: PASSWORD, organisationUscc: null });
    await createUser(h.store, ctx, { username: 'other-applicant', displayName: 'o', role: 'applicant', password: PASSWORD, organisationUscc: OTHER_USCC });
    experts.chairAi = (await createExpert(h.store, ctx, { name: '张院士', professionalTitle: '中国科学院院士', userId: await userId('chair') })).id;
    experts.chairIc = (await createExpert(h.store, ctx, { name: '李院士', professionalTitle: '中国工程院院士', userId: await userId('chair-ic') })).id;
    experts.a = (await createExpert(h.store, ctx, { name: '赵教授', professionalTitle: '教授', userId: await userId('expert') })).id;
    // 王专家 declared a conflict with the other applicant (a2 and i1): on the AI panel he stands down from a2.
    experts.b = (await createExpert(h.store, ctx, {
      name: '王专家', professionalTitle: '高级工程师', userId: await userId('expert-b'), declared: [{ organisationUscc: OTHER_USCC, reason: '近亲属在该单位任职' }],
    })).id;
    await loginAll();
    const own = await h.login('applicant');
    const other = await h.login('other-applicant');

    const created = await post(staff, '/api/programs', PROGRAM);
    expect(created.statusCode).toBe(201);
    const p = created.json() as { id: number; rounds: { id: number }[] };
    programId = p.id;
    [screeningId, finalId] = p.rounds.map((r) => r.id) as [number, number];
    const apply = async (c: Client, title: string, category: string) => {
      const res = await post(c, '/api/applications', { programId, title, category });
      const id = (res.json() as { id: number }).id;
      expect((await post(c, `/api/applications/${id}/submit`)).statusCode).toBe(200);
      return id;
    };
    apps.a1 = await apply(own, '智能视觉质检平台', 'ai');
    apps.a2 = await apply(other, '语音大模型', 'ai');
    apps.a3 = await apply(own, '工业知识图谱', 'ai');
    apps.i1 = await apply(other, '晶圆缺陷检测', 'ic');
    apps.i2 = await apply(own, '封装测试设备', 'ic');
    h.clock.now = new Date('2026-12-02T02:00:00Z');
    await loginAll();
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('refuses panels while the screening round is open, then takes its advanced entries', async () => {
    const early = await post(staff, `/api/rounds/${finalId}/panels`, { category: 'ai', chairExpertId: experts.chairAi, memberExpertIds: [experts.a, experts.b] });
    expect(early.statusCode).toBe(409);
    expect(err(early).code).toBe('ROUND_PREVIOUS_OPEN');
    expect(await h.store.db.selectFrom('panels').selectAll().execute()).toEqual([]);

    expect((await post(staff, `/api/rounds/${screeningId}/screening/run`)).statusCode).toBe(200);
    for (const id of Object.values(apps)) {
      const decided = await post(staff, `/api/rounds/${screeningId}/screening/decisions`, { applicationId: id, outcome: 'advance', reasonCode: 'other', note: '与三大产业密切相关' });
      expect(decided.statusCode).toBe(200);
    }
    expect((await post(staff, `/api/rounds/${screeningId}/close`)).json()).toMatchObject({ advanced: 5, rejected: 0 });
  });

  it('sets up one panel per category with a chair from the pool, naming bad fields', async () => {
    const before = await count('audit_log');
    const bad = await post(staff, `/api/rounds/${finalId}/panels`, { category: 'ai', chairExpertId: 99999, memberExpertIds: [experts.a, 88888] });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).errors.map((e) => [e.code, e.field])).toEqual([['PANEL_EXPERT_UNKNOWN', 'chairExpertId'], ['PANEL_EXPERT_UNKNOWN', 'memberExpertIds.1']]);
    expect(err(bad).message).toBe('专家 99999 不是专家库中的在库专家');
    const unknownCategory = await post(staff, `/api/rounds/${finalId}/panels`, { category: 'space', chairExpertId: experts.chairAi });
    expect(err(unknownCategory)).toMatchObject({ code: 'VALUE_UNKNOWN', field: 'category' });
    expect(err(await post(staff, `/api/rounds/${screeningId}/panels`, { category: 'ai', chairExpertId: experts.chairAi })).code).toBe('ROUND_NOT_PANEL');
    expect(await count('audit_log')).toBe(before);

    const ai = await post(staff, `/api/rounds/${finalId}/panels`, { category: 'ai', chairExpertId: experts.chairAi, memberExpertIds: [experts.a, experts.b] });
    expect(ai.statusCode).toBe(201);
    const aiPanel = ai.json() as { id: number; chair: { name: string; professionalTitle: string }; members: { id: number }[]; entries: { applicationId: number }[]; quota: number };
    expect(aiPanel.chair).toMatchObject({ name: '张院士', professionalTitle: '中国科学院院士' });
    expect(aiPanel.members.map((m) => m.id).sort()).toEqual([experts.chairAi, experts.a, experts.b].sort());
    expect(aiPanel.entries.map((e) => e.applicationId)).toEqual([apps.a1, apps.a2, apps.a3]);
    expect(aiPanel.quota).toBe(2);
    const recusals = (ai.json() as { recusals: { applicationId: number; expertId: number; source: string; reason: string }[] }).recusals;
    expect(recusals.map((r) => [r.applicationId, r.expertId, r.source])).toEqual([[apps.a2, experts.b, 'conflict']]);
    expect(recusals[0]?.reason).toContain('近亲属在该单位任职');
    panels.ai = aiPanel.id;
    panels.ic = ((await post(staff, `/api/rounds/${finalId}/panels`, { category: 'ic', chairExpertId: experts.chairIc, memberExpertIds: [experts.a] })).json() as { id: number }).id;
    expect(err(await post(staff, `/api/rounds/${finalId}/panels`, { category: 'ic', chairExpertId: experts.chairIc })).code).toBe('PANEL_EXISTS');
    const mine = (await memberA.request({ method: 'GET', url: '/api/my/panels' })).json() as { items: { id: number; isChair: boolean }[] };
    expect(mine.items.map((p) => [p.id, p.isChair])).toEqual([[panels.ai, false], [panels.ic, false]]);
  });

  it('schedules presentations in Shanghai time, refusing clashes and strangers', async () => {
    const url = `/api/panels/${panels.ai}/schedule`;
    const before = await count('panel_slots');
    const bad = await staff.request({
      method: 'PUT', url, payload: {
        slots: [
          { applicationId: apps.a1, startsAt: '2026-12-10 09:00', room: '一号会议室' },
          { applicationId: apps.i1, startsAt: '2026-12-10 09:30', room: '一号会议室' },
          { applicationId: apps.a2, startsAt: '2026-12-10 09:00', room: '一号会议室' },
          { applicationId: apps.a3, startsAt: '2026-12-32 10:00', room: '二号会议室' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).errors.map((e) => [e.code, e.field])).toEqual([
      ['PANEL_ENTRY_UNKNOWN', 'slots.1.applicationId'], ['PANEL_ROOM_TAKEN', 'slots.2.room'], ['DATETIME_FORMAT', 'slots.3.startsAt'],
    ]);
    expect(await count('panel_slots')).toBe(before);
    const ok = await staff.request({
      method: 'PUT', url, payload: {
        slots: [
          { applicationId: apps.a1, startsAt: '2026-12-10 09:00', room: '一号会议室' },
          { applicationId: apps.a2, startsAt: '2026-12-10 09:30', room: '一号会议室' },
          { applicationId: apps.a3, startsAt: '2026-12-10 10:00', room: '一号会议室' },
        ],
      },
    });
    expect(ok.json()).toEqual({ slots: 3 });
    const seen = (await memberB.request({ method: 'GET', url: `/api/panels/${panels.ai}` })).json() as { entries: { applicationId: number; slot: { startsAt: string; startsAtShanghai: string } }[]; ranking: unknown };
    expect(seen.entries[0]).toMatchObject({ applicationId: apps.a1, slot: { startsAt: '2026-12-10T01:00:00.000Z', startsAtShanghai: '2026-12-10 09:00' } });
    expect(seen.ranking).toBeNull();
  });

  it('takes rubric marks from members only, and lets only the chair sign off once all are in and the tie is broken', async () => {
    const before = await count('panel_marks');
    expect(err(await post(memberA, `/api/panels/${panels.ai}/marks`, { applicationId: apps.a1, score: 90 })).code).toBe('PANEL_MARK_MODE');
    expect(err(await post(memberA, `/api/panels/${panels.ai}/marks`, { applicationId: apps.a1, criteria: { innovativeness: 90 } }))).toMatchObject({ code: 'PANEL_CRITERIA_MISMATCH', field: 'criteria' });
    expect(err(await mark(memberA, panels.ai, apps.i1, 90, 90)).code).toBe('PANEL_ENTRY_UNKNOWN');
    expect((await mark(memberB, panels.ic, apps.i1, 90, 90)).statusCode).toBe(404);
    expect((await post(staff, `/api/panels/${panels.ai}/marks`, { applicationId: apps.a1, score: 80 })).statusCode).toBe(403);
    expect(await count('panel_marks')).toBe(before);

    // 王专家 stands down from a2: his mark is refused, and a2 is complete without it.
    const recused = await mark(memberB, panels.ai, apps.a2, 99, 99);
    expect(recused.statusCode).toBe(409);
    expect(err(recused)).toMatchObject({ code: 'PANEL_MEMBER_RECUSED', field: 'applicationId', message: `您已回避申报 ${apps.a2}，不能对其评分` });
    expect(await count('panel_marks')).toBe(before);

    // a1 clearly first; a2 and a3 tie for the second place.
    for (const c of [chairAi, memberA, memberB]) {
      expect((await mark(c, panels.ai, apps.a1, 95, 90)).statusCode).toBe(200);
      if (c !== memberB) expect((await mark(c, panels.ai, apps.a2, 80, 70)).statusCode).toBe(200);
    }
    await mark(chairAi, panels.ai, apps.a3, 70, 85);
    await mark(memberA, panels.ai, apps.a3, 80, 70);
    expect(err(await post(chairAi, `/api/panels/${panels.ai}/sign-off`, {})).code).toBe('PANEL_MARKS_MISSING');
    const remark = await mark(memberB, panels.ai, apps.a3, 60, 60);
    expect(remark.json()).toMatchObject({ score: 60 });
    await mark(memberB, panels.ai, apps.a3, 85, 62.5);

    const chairView = (await chairAi.request({ method: 'GET', url: `/api/panels/${panels.ai}` })).json() as { ranking: { lines: { applicationId: number; total: number; rank: number; tied: boolean }[]; tie: { applicationIds: number[]; places: number } } };
    expect(chairView.ranking.lines.map((l) => [l.applicationId, l.total, l.rank, l.tied])).toEqual([
      [apps.a1, 93, 1, false], [apps.a2, 76, 2, true], [apps.a3, 76, 2, true],
    ]);
    expect(chairView.ranking.tie).toEqual({ applicationIds: [apps.a2, apps.a3], places: 1 });
    const memberView = (await memberA.request({ method: 'GET', url: `/api/panels/${panels.ai}` })).json() as { marks: { expertId: number }[] };
    expect(new Set(memberView.marks.map((m) => m.expertId))).toEqual(new Set([experts.a]));

    expect((await post(memberA, `/api/panels/${panels.ai}/sign-off`, {})).statusCode).toBe(403);
    expect(err(await post(chairIc, `/api/panels/${panels.ai}/sign-off`, {})).code).toBe('PANEL_NOT_CHAIR');
    const tie = await post(chairAi, `/api/panels/${panels.ai}/sign-off`, {});
    expect(tie.statusCode).toBe(409);
    expect(err(tie)).toMatchObject({ code: 'PANEL_TIE_UNRESOLVED', field: 'tieBreak', message: `项目 ${apps.a2}, ${apps.a3} 在名额边界并列：请从中选定 1 项` });
    expect(err(await post(chairAi, `/api/panels/${panels.ai}/sign-off`, { tieBreak: [apps.a1] })).code).toBe('PANEL_TIE_UNRESOLVED');
    expect(await count('panel_results')).toBe(0);
    // 20 parallel sign-offs: one signs, the others are told it is signed; the results are written once
    const signed = await once(20, () => post(chairAi, `/api/panels/${panels.ai}/sign-off`, { tieBreak: [apps.a3], note: '应用效果更突出' }), 'PANEL_SIGNED_OFF');
    expect(await count('panel_results')).toBe(3);
    expect((signed.json() as { selected: number[] }).selected.sort()).toEqual([apps.a1, apps.a3].sort());
    expect(err(await mark(memberA, panels.ai, apps.a1, 10, 10)).code).toBe('PANEL_SIGNED_OFF');
  });

  it('closes the round only when every panel is signed off, recording who advances', async () => {
    await mark(chairIc, panels.ic, apps.i1, 88, 92);
    await mark(chairIc, panels.ic, apps.i2, 70, 75);
    await mark(memberA, panels.ic, apps.i1, 85, 80);
    await mark(memberA, panels.ic, apps.i2, 90, 60);
    // 赵教授 then declares a conflict with i2: his mark on it is withdrawn, audited, and he may not mark it again.
    const auditBefore = await count('audit_log');
    const declared = await post(memberA, `/api/panels/${panels.ic}/recusals`, { applicationId: apps.i2, reason: '曾参与该成果的研发' });
    expect(declared.statusCode).toBe(201);
    expect(declared.json()).toMatchObject({ applicationId: apps.i2, expertId: experts.a, source: 'declared', withdrawnMark: true });
    expect(err(await post(memberA, `/api/panels/${panels.ic}/recusals`, { applicationId: apps.i2, reason: '再次' })).code).toBe('PANEL_RECUSAL_EXISTS');
    expect(err(await post(memberA, `/api/panels/${panels.ic}/recusals`, { applicationId: apps.i2, reason: ' ' })).field).toBe('reason');
    expect(err(await mark(memberA, panels.ic, apps.i2, 90, 60)).code).toBe('PANEL_MEMBER_RECUSED');
    expect(await count('audit_log')).toBe(auditBefore + 1);
    const icView = (await chairIc.request({ method: 'GET', url: `/api/panels/${panels.ic}` })).json() as {
      recusals: { applicationId: number; expertName: string; source: string }[]; ranking: { missing: unknown[]; lines: { applicationId: number; total: number; marks: number }[] };
    };
    expect(icView.recusals).toMatchObject([{ applicationId: apps.i2, expertName: '赵教授', source: 'declared' }]);
    expect(icView.ranking.missing).toEqual([]);
    expect(icView.ranking.lines.find((l) => l.applicationId === apps.i2)).toMatchObject({ total: 72, marks: 1 });
    // A member sees only their own recusals.
    expect(((await memberB.request({ method: 'GET', url: `/api/panels/${panels.ai}` })).json() as { recusals: { expertId: number }[] }).recusals.map((r) => r.expertId)).toEqual([experts.b]);
    const early = await post(staff, `/api/rounds/${finalId}/panels/close`);
    expect(err(early)).toMatchObject({ code: 'PANEL_NOT_SIGNED_OFF', message: 'ic 评审组尚未签署名单' });
    expect((await post(chairIc, `/api/panels/${panels.ic}/sign-off`, {})).json()).toMatchObject({ selected: [apps.i1], tied: [] });
    const closed = await post(staff, `/api/rounds/${finalId}/panels/close`);
    expect(closed.json()).toMatchObject({ advanced: 3, rejected: 2 });
    const rows = await h.store.db.selectFrom('round_advancements').select(['application_id', 'advanced']).where('round_id', '=', finalId).orderBy('application_id').execute();
    expect(rows.map((r) => [r.application_id, r.advanced])).toEqual([[apps.a1, 1], [apps.a2, 0], [apps.a3, 1], [apps.i1, 1], [apps.i2, 0]]);
    expect(err(await post(staff, `/api/rounds/${finalId}/panels/close`)).code).toBe('ROUND_CLOSED');
  });

  it('records honours on achievements', async () => {
    const bad = await staff.request({ method: 'PUT', url: `/api/applications/${apps.a1}/honour`, payload: { level: 'municipal' } });
    expect(err(bad)).toMatchObject({ code: 'VALUE_UNKNOWN', field: 'level' });
    const res = await staff.request({ method: 'PUT', url: `/api/applications/${apps.a1}/honour`, payload: { level: 'national', note: '国家科技进步二等奖' } });
    expect(res.json()).toMatchObject({ level: 'national', note: '国家科技进步二等奖' });
    await staff.request({ method: 'PUT', url: `/api/applications/${apps.i1}/honour`, payload: { level: 'provincial_ministerial' } });
  });

  it('grants awards within quota, refuses beyond it without a recorded override', async () => {
    const type = async (key: string, kind: string, zh: string, quota: number) =>
      ((await post(staff, `/api/programs/${programId}/award-types`, { key, kind, name: label(zh, key), quota })).json() as { id: number }).id;
    const medal = await type('medal', 'individual_medal', '五一劳动奖章', 1);
    const unit = await type('unit', 'unit_award', '五一劳动奖状', 1);
    const nominate = async (typeId: number, body: Record<string, unknown>) => post(staff, `/api/award-types/${typeId}/nominations`, body);
    expect(err(await nominate(medal, { uscc: OWN_USCC })).code).toBe('NOMINEE_KIND');
    expect(err(await nominate(medal, {})).code).toBe('NOMINEE_REQUIRED');
    expect(err(await nominate(unit, { uscc: OWN_USCC, applicationId: apps.a1 })).code).toBe('NOMINEE_AMBIGUOUS');
    const zhang = ((await nominate(medal, { person: { name: '张三', organisation: '申报示例有限公司' } })).json() as { id: number }).id;
    const li = ((await nominate(medal, { person: { name: '李四', organisation: '其他示例有限公司' } })).json() as { id: number }).id;
    const wang = ((await nominate(medal, { person: { name: '王五', organisation: '其他示例有限公司' } })).json() as { id: number }).id;
    const org = ((await nominate(unit, { uscc: OTHER_USCC })).json() as { id: number; nominee: { name: string } }).id;
    const decide = (id: number, body: Record<string, unknown>) => post(staff, `/api/nominations/${id}/decision`, body);
    expect((await decide(zhang, { outcome: 'granted' })).json()).toMatchObject({ status: 'granted', nominee: { kind: 'person', name: '张三' } });
    const before = [await count('audit_log'), JSON.stringify(await h.store.db.selectFrom('award_nominations').selectAll().orderBy('id').execute())];
    const over = await decide(li, { outcome: 'granted' });
    expect(over.statusCode).toBe(409);
    expect(err(over)).toMatchObject({ code: 'AWARD_QUOTA_FULL', field: 'overrideNote', message: '名额 1 已满（已授予 1 个）：超额授予须填写至少 4 个字的特批说明' });
    expect(err(await decide(wang, { outcome: 'declined' }))).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    expect([await count('audit_log'), JSON.stringify(await h.store.db.selectFrom('award_nominations').selectAll().orderBy('id').execute())]).toEqual(before);
    const overridden = await decide(li, { outcome: 'granted', overrideNote: '组委会决定增补一名' });
    expect(overridden.json()).toMatchObject({ status: 'granted', overrideNote: '组委会决定增补一名' });
    expect((await decide(wang, { outcome: 'declined', reason: '事迹材料不足' })).json()).toMatchObject({ status: 'declined' });
    expect((await decide(org, { outcome: 'granted' })).json()).toMatchObject({ nominee: { kind: 'organisation', name: '其他示例有限公司' } });
    expect(err(await decide(org, { outcome: 'declined', reason: '再改一次' })).code).toBe('NOMINATION_DECIDED');
    const trail = (await admin.request({ method: 'GET', url: `/api/audit?subjectType=nomination&subjectId=${li}` })).json() as { items: { action: string; after: { overrideNote: string } }[] };
    expect(trail.items[0]).toMatchObject({ action: 'award.override', after: { overrideNote: '组委会决定增补一名' } });
  });

  it('drafts the list from the last round and granted awards, and publishes it for a period', async () => {
    const draft = await post(staff, `/api/programs/${programId}/publication`);
    expect(draft.statusCode).toBe(200);
    const d = draft.json() as { id: number; status: string; entries: { id: number; kind: string; holder: string; title: string; outcome: { zh: string }; honour: string | null }[] };
    publicationId = d.id;
    expect(d.entries.map((e) => [e.kind, e.holder, e.title, e.outcome.zh, e.honour])).toEqual([
      ['achievement', '申报示例有限公司', '智能视觉质检平台', '优秀成果', 'national'],
      ['achievement', '申报示例有限公司', '工业知识图谱', '优秀成果', null],
      ['achievement', '其他示例有限公司', '晶圆缺陷检测', '优秀成果', 'provincial_ministerial'],
      ['award', '张三', '申报示例有限公司', '五一劳动奖章', null],
      ['award', '李四', '其他示例有限公司', '五一劳动奖章', null],
      ['award', '其他示例有限公司', '五一劳动奖状', '五一劳动奖状', null],
    ]);
    for (const e of d.entries) entryOf.set(e.title, e.id);
    const badPeriod = await post(staff, `/api/publications/${publicationId}/publish`, { startDate: '2026-12-20', endDate: '2026-12-19' });
    expect(err(badPeriod)).toMatchObject({ code: 'PUBLICATION_PERIOD_ORDER', field: 'endDate' });
    const published = await once(20, () => post(staff, `/api/publications/${publicationId}/publish`, { startDate: '2026-12-20', endDate: '2026-12-26' }), 'PUBLICATION_NOT_DRAFT');
    expect(published.json()).toMatchObject({ status: 'published', startsAt: '2026-12-19T16:00:00.000Z', endsAt: '2026-12-26T16:00:00.000Z' });
    expect(err(await post(staff, `/api/programs/${programId}/publication`)).code).toBe('PUBLICATION_NOT_DRAFT');
    // Before its first day the public sees nothing.
    expect((await h.app.inject({ method: 'GET', url: `/api/public/publications/${publicationId}` })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'POST', url: `/api/public/publications/${publicationId}/objections`, payload: { name: 'x', contact: 'y', grounds: 'z' } })).statusCode).toBe(404);
  });

  it('takes named objections with evidence during the period only', async () => {
    h.clock.now = new Date('2026-12-21T02:00:00Z');
    await loginAll();
    const shown = (await h.app.inject({ method: 'GET', url: `/api/public/publications/${publicationId}` })).json() as { objectionsOpen: boolean; entries: { holder: string; contact?: string }[]; startDate: string };
    expect(shown).toMatchObject({ objectionsOpen: true, startDate: '2026-12-20' });
    expect(shown.entries).toHaveLength(6);
    const url = `/api/public/publications/${publicationId}/objections`;
    const before = [await count('publication_objections'), await count('audit_log')];
    const nameless = await h.app.inject({ method: 'POST', url, payload: { contact: '13900000000', grounds: '成果存在争议' } });
    expect(nameless.statusCode).toBe(400);
    expect(err(nameless)).toMatchObject({ code: 'REQUIRED', field: 'name', message: '名称为必填项' });
    expect([await count('publication_objections'), await count('audit_log')]).toEqual(before);

    const evidence = Buffer.from('%PDF-1.4\n举报材料：该成果已于2024年获奖并重复申报\n');
    const withEvidence = await h.app.inject({
      method: 'POST', url, payload: fileForm({ name: '刘某', contact: 'liu@example.org', organisation: '某研究所', grounds: '工业知识图谱与往年获奖成果重复', entryId: String(entryOf.get('工业知识图谱')) }, { name: '证据.pdf', content: evidence, type: 'application/pdf' }),
    });
    expect(withEvidence.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(evidence).digest('hex');
    expect(withEvidence.json()).toMatchObject({ status: 'open', evidenceSha256: sha256 });
    objections.upheld = (withEvidence.json() as { id: number }).id;
    expect(stored()).toEqual([sha256]);
    const plain = await h.app.inject({ method: 'POST', url, payload: { name: '陈某', contact: '13900000000', grounds: '晶圆缺陷检测的数据存疑', entryId: entryOf.get('晶圆缺陷检测') } });
    expect(plain.statusCode).toBe(201);
    objections.dismissed = (plain.json() as { id: number }).id;
    // One address may file only so many an hour: the next is refused before its upload is read, nothing written.
    process.env.KEPING_OBJECTIONS_PER_HOUR = '2';
    try {
      const limited = [await count('publication_objections'), await count('audit_log'), stored()];
      const flood = await h.app.inject({
        method: 'POST', url, payload: fileForm({ name: '刷屏者', contact: 'x@example.org', grounds: '重复提交' }, { name: 'x.pdf', content: Buffer.from('%PDF-1.4 flood'), type: 'application/pdf' }),
      });
      expect(flood.statusCode).toBe(429);
      expect(err(flood)).toMatchObject({ code: 'OBJECTION_RATE_LIMITED', message: '同一网络地址一小时内对本公示最多提交 2 件异议，请稍后再试' });
      const floodEn = await h.app.inject({ method: 'POST', url, headers: { 'accept-language': 'en' }, payload: { name: 'F', contact: 'x', grounds: 'again' } });
      expect(err(floodEn).message).toBe('At most 2 objections an hour may be filed on this announcement from one network address; please try again later');
      expect([await count('publication_objections'), await count('audit_log'), stored()]).toEqual(limited);
    } finally {
      delete process.env.KEPING_OBJECTIONS_PER_HOUR;
    }
    const download = await staff.request({ method: 'GET', url: `/api/objections/${objections.upheld}/evidence` });
    expect(Buffer.compare(download.rawPayload, evidence)).toBe(0);
    expect(err(await post(staff, `/api/publications/${publicationId}/finalise`)).code).toBe('PUBLICATION_PERIOD_NOT_OVER');
  });

  it('refuses objections after the period with a translated error, writing nothing', async () => {
    h.clock.now = new Date('2026-12-26T16:00:00Z'); // 2026-12-27 00:00 in Shanghai
    await loginAll();
    const url = `/api/public/publications/${publicationId}/objections`;
    const before = [await count('publication_objections'), await count('audit_log'), stored()];
    const late = await h.app.inject({
      method: 'POST', url, payload: fileForm({ name: '迟到者', contact: 'late@example.org', grounds: '迟到的异议' }, { name: 'late.pdf', content: Buffer.from('%PDF-1.4 late'), type: 'application/pdf' }),
    });
    expect(late.statusCode).toBe(409);
    expect(err(late)).toMatchObject({ code: 'OBJECTION_PERIOD_OVER', message: '异议仅在公示期内受理：2026-12-20 至 2026-12-26（上海时间）' });
    const lateEn = await h.app.inject({ method: 'POST', url, headers: { 'accept-language': 'en' }, payload: { name: 'Late', contact: 'x', grounds: 'late' } });
    expect(err(lateEn).message).toBe('Objections are accepted only during the announcement period, 2026-12-20 to 2026-12-26 (Shanghai time)');
    expect([await count('publication_objections'), await count('audit_log'), stored()]).toEqual(before);
  });

  it('resolves objections with reasons; an upheld one changes the list through an audited decision; finalises only when all are resolved', async () => {
    const unresolved = await post(staff, `/api/publications/${publicationId}/finalise`);
    expect(unresolved.statusCode).toBe(409);
    expect(err(unresolved)).toMatchObject({ code: 'OBJECTIONS_UNRESOLVED', message: `还有 2 件异议未处理完毕（${objections.upheld}, ${objections.dismissed}）` });
    expect((await post(staff, `/api/objections/${objections.upheld}/investigate`, { note: '已调取2024年获奖名单核对' })).json()).toMatchObject({ status: 'investigating' });
    expect(err(await post(staff, `/api/objections/${objections.upheld}/resolve`, { outcome: 'upheld', reason: '经核实确属重复申报' }))).toMatchObject({ code: 'REQUIRED', field: 'decision' });
    expect(err(await post(staff, `/api/objections/${objections.dismissed}/resolve`, { outcome: 'dismissed', reason: '不' }))).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const upheld = await once(20, () => post(staff, `/api/objections/${objections.upheld}/resolve`, { outcome: 'upheld', reason: '经核实确属重复申报', decision: { action: 'remove' } }), 'OBJECTION_RESOLVED');
    expect(await count('publication_decisions')).toBe(1);
    expect(upheld.json()).toMatchObject({ status: 'upheld', decision: { action: 'remove', before: { status: 'listed' }, after: { status: 'removed' } } });
    const dismissed = await post(staff, `/api/objections/${objections.dismissed}/resolve`, { outcome: 'dismissed', reason: '检测数据经第三方复核无误' });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', decision: null });
    expect(err(await post(staff, `/api/objections/${objections.dismissed}/resolve`, { outcome: 'upheld', reason: '再改一次', decision: { action: 'remove' } })).code).toBe('OBJECTION_RESOLVED');
    const removedId = entryOf.get('工业知识图谱') as number;
    const trail = (await admin.request({ method: 'GET', url: `/api/audit?subjectType=publication_entry&subjectId=${removedId}` })).json() as { items: { action: string; before: unknown; after: unknown }[] };
    expect(trail.items.map((e) => e.action)).toEqual(['publication.entry.remove']);
    expect(trail.items[0]?.after).toMatchObject({ status: 'removed', objectionId: objections.upheld });

    const final = await once(20, () => post(staff, `/api/publications/${publicationId}/finalise`), 'PUBLICATION_NOT_PUBLISHED');
    expect(final.json()).toMatchObject({ status: 'final', decisions: [{ objectionId: objections.upheld, entryId: removedId, action: 'remove' }] });
    const shown = (await h.app.inject({ method: 'GET', url: `/api/public/publications/${publicationId}` })).json() as { status: string; objectionsOpen: boolean; entries: { title: string }[] };
    expect(shown).toMatchObject({ status: 'final', objectionsOpen: false });
    expect(shown.entries.map((e) => e.title)).not.toContain('工业知识图谱');
    expect(shown.entries).toHaveLength(5);
    const list = (await h.app.inject({ method: 'GET', url: '/api/public/publications' })).json() as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).toEqual([publicationId]);
  });

  it('issues certificates whose PDF names the holder in Chinese, verified publicly by serial and hash', async () => {
    const issued = await post(staff, `/api/publications/${publicationId}/certificates`);
    expect(issued.statusCode).toBe(200);
    const certs = (issued.json() as { issued: number; items: { serial: string; holder: string; title: string; date: string; contentHash: string; verificationUrl: string }[] }).items;
    expect(certs).toHaveLength(5);
    expect(new Set(certs.map((c) => c.serial)).size).toBe(5);
    expect(((await post(staff, `/api/publications/${publicationId}/certificates`)).json() as { issued: number }).issued).toBe(0);
    const unit = certs.find((c) => c.title === '五一劳动奖状');
    expect(unit).toMatchObject({ holder: '其他示例有限公司', date: '2026-12-27' });
    const cert = certs.find((c) => c.holder === '申报示例有限公司');
    if (!cert || !unit) throw new Error('certificates missing');
    expect(cert.title).toBe('优秀成果 · 智能视觉质检平台');
    expect(cert.verificationUrl).toMatch(new RegExp(`/verify/${cert.serial}\\?h=${cert.contentHash}$`));
    const canonical = JSON.stringify({ date: cert.date, holder: cert.holder, program: '2026年度创新成果竞赛', serial: cert.serial, title: cert.title });
    expect(cert.contentHash).toBe(createHash('sha256').update(canonical).digest('hex'));

    const pdf = await staff.request({ method: 'GET', url: `/api/certificates/${cert.serial}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/); // a CJK subset is embedded
    // Reading the text back needs poppler-utils; the test command says loudly when it is missing (CI requires it).
    if (process.env.KEPING_TEST_NO_PDFTOTEXT === '1') return;
    const dir = mkdtempSync(join(tmpdir(), 'keping-cert-'));
    try {
      writeFileSync(join(dir, 'c.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', [join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('申报示例有限公司');
      expect(text).toContain('荣誉证书');
      expect(text).toContain(cert.serial);
      expect(text).toContain('智能视觉质检平台');
      const images = execFileSync('pdfimages', ['-list', join(dir, 'c.pdf')], { encoding: 'utf8' });
      // The QR code: one image on page 1 (pdfkit may add its alpha mask as a second, smask, entry).
      expect(images.split('\n').filter((l) => /^\s+1\s+\d+\s+image\s/.test(l))).toHaveLength(1);
      expect(text.replace(/\s+/g, '')).toContain(cert.contentHash);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await memberA.request({ method: 'GET', url: `/api/certificates/${cert.serial}/pdf` })).statusCode).toBe(403);

    const verify = (serial: string, hash: string) => h.app.inject({ method: 'GET', url: `/api/public/certificates/${encodeURIComponent(serial)}?h=${hash}` });
    expect((await verify(cert.serial, cert.contentHash)).json()).toEqual({
      valid: true, serial: cert.serial, holder: '申报示例有限公司', title: cert.title, date: '2026-12-27', program: '2026年度创新成果竞赛', message: '证书真实有效',
    });
    const flipped = `${cert.contentHash.slice(0, -1)}${cert.contentHash.endsWith('0') ? '1' : '0'}`;
    expect((await verify(cert.serial, flipped)).json()).toMatchObject({ valid: false, reason: 'mismatch' });
    expect((await verify(`${cert.serial.slice(0, -1)}Z`, cert.contentHash)).json()).toMatchObject({ valid: false, reason: 'unknown', message: '查无此编号的证书' });
    // An edited record no longer matches its own hash, even with the genuine QR code.
    await outsideAudit('test: a forged certificate record', () =>
      h.store.db.updateTable('certificates').set({ holder: '冒名有限公司' }).where('serial', '=', unit.serial).execute());
    expect((await verify(unit.serial, unit.contentHash)).json()).toMatchObject({ valid: false, reason: 'mismatch' });
  });

  it('keeps every step in the audit trail, chain intact', async () => {
    const trail = async (type: string, id: number) => ((await admin.request({ method: 'GET', url: `/api/audit?subjectType=${type}&subjectId=${id}&pageSize=100` })).json() as { items: { action: string }[] })
      .items.map((e) => e.action).reverse();
    expect(await trail('publication', publicationId)).toEqual(['publication.draft', 'publication.publish', 'publication.finalise', 'certificate.issue', 'certificate.issue']);
    expect(await trail('objection', objections.upheld)).toEqual(['objection.file', 'objection.investigate', 'objection.uphold']);
    expect(await trail('round', finalId)).toEqual(['round.close']);
    expect((await trail('panel', panels.ai)).filter((a) => a !== 'panel.mark')).toEqual(['panel.create', 'panel.schedule', 'panel.sign_off']);
    expect((await admin.request({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true });
  });
});
