/**
 * The program engine through the API: a program and its call, the applicant portal (drafts,
 * attachments, eligibility preview, submission, withdrawal), the screening round, copying to the
 * next cycle. Every refusal is checked for its code and for having written nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/context.js';
import { createOrganisation, updateOrganisation } from '../src/registry/organisation.service.js';
import { entriesOfRound } from '../src/rounds/round-entries.js';
import { createUser } from '../src/users/user.service.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OTHER_USCC, OWN_USCC, PASSWORD, startHarness } from './harness.js';

const UNIVERSITY_USCC = '123100004250061179';
const label = (zh: string, en: string) => ({ zh, en });
const PROGRAM = {
  type: 'competition', ownerOffice: '市总工会', cycleYear: 2026, status: 'published',
  title: label('2026年度创新成果竞赛', '2026 innovation achievement competition'),
  call: {
    opensAt: '2026-11-01 09:00', closesAt: '2026-12-01 17:00', allowedKinds: ['enterprise'], ruleSetId: 'talent-2024',
    fields: [
      { key: 'summary', label: label('成果简介', 'Summary'), type: 'longtext', required: true, maxLength: 200 },
      { key: 'investment', label: label('研发投入', 'R&D investment'), type: 'number', required: true },
      { key: 'started', label: label('开始日期', 'Start date'), type: 'date' },
      {
        key: 'stage', label: label('阶段', 'Stage'), type: 'select', required: true,
        options: [{ value: 'research', label: label('研发', 'Research') }, { value: 'mass', label: label('量产', 'Mass production') }],
      },
    ],
    attachments: [{ key: 'report', label: label('成果报告', 'Report'), required: true, extensions: ['pdf'], mimeTypes: ['application/pdf'], maxSizeMb: 0.01 }],
  },
  rounds: [
    { key: 'screening', kind: 'screening', name: label('初筛', 'Screening') },
    { key: 'scoring', kind: 'scoring', name: label('专家评分', 'Scoring'), config: { blind: true } },
    { key: 'final', kind: 'panel', name: label('终评', 'Final') },
  ],
  categories: [
    { key: 'ai', name: label('人工智能', 'AI'), quotas: { scoring: 68, final: 29 } },
    { key: 'ic', name: label('集成电路', 'IC'), quotas: { scoring: 49, final: 26 } },
  ],
  outcomes: [{ key: 'excellent', name: label('优秀成果', 'Excellent achievement'), quota: 90 }],
};
const COMPLETE = { summary: '一种晶圆缺陷检测方法', investment: '1,250,000', started: '2025-03-01', stage: 'research' };
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 7)]);

function form(name: string, content: Buffer, type: string): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(content)], { type }), name);
  return fd;
}
function err(res: LightMyRequestResponse) {
  return (res.json() as { error: { code: string; field?: string; message: string; errors: { code: string; field?: string }[] } }).error;
}

describe.each(DATABASES)('program engine on $name', (database) => {
  let h: Harness;
  let staff: Client;
  let admin: Client;
  let own: Client;
  let other: Client;
  let filesDir: string;
  let programId = 0;
  let screeningRoundId = 0;
  let scoringRoundId = 0;
  const ids = { draft: 0, second: 0, late: 0, gone: 0, others: 0 };
  const ctx = systemContext('zh-CN', () => h.clock.now);
  const count = async (table: 'programs' | 'applications' | 'application_files' | 'audit_log' | 'screening_results') =>
    Number((await h.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const appRow = (id: number) => h.store.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const stored = () => readdirSync(filesDir).filter((n) => n !== '.incoming');
  const attach = (c: Client, id: number, name: string, content: Buffer, type: string, key = 'report') =>
    c.request({ method: 'POST', url: `/api/applications/${id}/attachments?key=${key}`, payload: form(name, content, type) });
  const create = (c: Client, body: Record<string, unknown>) => c.request({ method: 'POST', url: '/api/applications', payload: { programId, ...body } });

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'keping-files-'));
    process.env.KEPING_FILES_DIR = filesDir;
    h = await startHarness(database);
    await updateOrganisation(h.store, ctx, OWN_USCC, {
      name: '申报示例有限公司', district: '嘉定区', industryCode: 'C3973', kind: 'enterprise', established: '2020-03-01', talentFieldsOverride: ['ic'],
    });
    await updateOrganisation(h.store, ctx, OTHER_USCC, {
      name: '其他示例有限公司', district: '徐汇', industryCode: '2720', kind: 'enterprise', established: '2026-06-01', talentFieldsOverride: ['biomedicine'],
    });
    await createOrganisation(h.store, ctx, { uscc: UNIVERSITY_USCC, name: '示例大学', kind: 'university' });
    await createUser(h.store, ctx, { username: 'other-applicant', displayName: 'o', role: 'applicant', password: PASSWORD, organisationUscc: OTHER_USCC });
    await createUser(h.store, ctx, { username: 'uni-applicant', displayName: 'u', role: 'applicant', password: PASSWORD, organisationUscc: UNIVERSITY_USCC });
    [staff, admin, own, other] = [await h.login('staff'), await h.login('admin'), await h.login('applicant'), await h.login('other-applicant')];
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('refuses an invalid program naming each field, writing nothing', async () => {
    const before = [await count('programs'), await count('audit_log')];
    const bad = await staff.request({
      method: 'POST', url: '/api/programs',
      payload: {
        ...PROGRAM, call: { ...PROGRAM.call, closesAt: '2026-10-01 09:00', ruleSetId: 'nope' },
        categories: [{ key: 'ai', name: label('人工智能', 'AI'), quotas: { semifinal: 3 } }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).errors.map((e) => [e.code, e.field])).toEqual([
      ['CALL_CLOSES_BEFORE_OPENS', 'call.closesAt'], ['RULE_SET_UNKNOWN', 'call.ruleSetId'], ['ROUND_UNKNOWN', 'categories.0.quotas.semifinal'],
    ]);
    // A round's config is checked against its kind when the program is saved, naming the round and the field.
    const badConfig = await staff.request({
      method: 'POST', url: '/api/programs',
      payload: { ...PROGRAM, rounds: [PROGRAM.rounds[0], { ...PROGRAM.rounds[1], config: { assignment: { perEntry: 0 }, criteria: ['x'] } }, PROGRAM.rounds[2]] },
    });
    expect(badConfig.statusCode).toBe(400);
    expect(err(badConfig).errors.map((e) => [e.code, e.field])).toEqual([
      ['SCORING_CONFIG_INVALID', 'rounds.1.config.assignment.perEntry'], ['SCORING_CONFIG_INVALID', 'rounds.1.config'],
    ]);
    expect(err(badConfig).errors[0]).toMatchObject({ params: { round: 'scoring' } });
    expect(err(badConfig).message).toContain('config.assignment.perEntry');
    const badPanel = await staff.request({
      method: 'POST', url: '/api/programs', payload: { ...PROGRAM, rounds: [PROGRAM.rounds[0], PROGRAM.rounds[1], { ...PROGRAM.rounds[2], config: { mode: 'lottery' } }] },
    });
    expect(err(badPanel)).toMatchObject({ code: 'ROUND_CONFIG_INVALID', field: 'rounds.2.config.mode' });
    expect(err(bad).message).toBe('征集截止时间（2026-10-01 09:00）早于开始时间（2026-11-01 09:00）');
    const badTime = await staff.request({ method: 'POST', url: '/api/programs', payload: { ...PROGRAM, call: { ...PROGRAM.call, opensAt: '2026-02-30 09:00' } } });
    expect(err(badTime)).toMatchObject({ code: 'DATETIME_FORMAT', field: 'call.opensAt' });
    const badType = await staff.request({ method: 'POST', url: '/api/programs', payload: { ...PROGRAM, type: 'lottery' } });
    expect(badType.statusCode).toBe(400);
    expect(err(badType)).toMatchObject({ code: 'VALUE_UNKNOWN', field: 'type' });
    expect([await count('programs'), await count('audit_log')]).toEqual(before);
  });

  it('creates a program whose call window is stored as instants and shown in Shanghai time', async () => {
    const res = await staff.request({ method: 'POST', url: '/api/programs', payload: PROGRAM });
    expect(res.statusCode).toBe(201);
    const p = res.json() as { id: number; call: Record<string, unknown>; rounds: { id: number; key: string; kind: string; status: string }[] };
    programId = p.id;
    expect(p.call).toMatchObject({
      opensAt: '2026-11-01T01:00:00.000Z', closesAt: '2026-12-01T09:00:00.000Z', opensAtShanghai: '2026-11-01 09:00',
      closesAtShanghai: '2026-12-01 17:00', isOpen: true, ruleSetId: 'talent-2024', allowedKinds: ['enterprise'],
    });
    expect(p.rounds.map((r) => [r.key, r.kind, r.status])).toEqual([['screening', 'screening', 'pending'], ['scoring', 'scoring', 'pending'], ['final', 'panel', 'pending']]);
    [screeningRoundId, scoringRoundId] = p.rounds.map((r) => r.id) as [number, number];
    const calls = (await own.request({ method: 'GET', url: '/api/calls' })).json() as { items: { id: number }[] };
    expect(calls.items.map((c) => c.id)).toEqual([programId]);
  });

  it('takes no applications to a program whose type draws its entries from a pool, and lists no call for it', async () => {
    const res = await staff.request({
      method: 'POST', url: '/api/programs',
      payload: { ...PROGRAM, type: 'evaluation', title: label('技术中心复核评价', 'Tech-centre evaluation'), rounds: [{ key: 'review', kind: 'scoring', name: label('评价', 'Evaluation') }], categories: [] },
    });
    expect(res.statusCode).toBe(201);
    const evaluationId = (res.json() as { id: number }).id;
    const before = await count('applications');
    const refused = await own.request({ method: 'POST', url: '/api/applications', payload: { programId: evaluationId, title: '自荐' } });
    expect(refused.statusCode).toBe(409);
    expect(err(refused)).toMatchObject({ code: 'CALL_TAKES_NO_APPLICATIONS', message: '本项目不接受申报：参评对象由办公室从候选池中圈定' });
    expect(await count('applications')).toBe(before);
    const calls = (await own.request({ method: 'GET', url: '/api/calls' })).json() as { items: { id: number }[] };
    expect(calls.items.map((c) => c.id)).toEqual([programId]);
  });

  it('refuses drafts with an error per bad form field, and applicants of a kind the call excludes', async () => {
    const uni = await h.login('uni-applicant');
    const before = [await count('applications'), await count('audit_log')];
    const bad = await create(own, { title: ' ', category: 'space', values: { investment: 'abc', stage: 'pilot', started: '2025-02-30', bogus: 'x', summary: 'x'.repeat(201) } });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).errors.map((e) => [e.code, e.field]).sort()).toEqual([
      ['DATE_FORMAT', 'values.started'], ['FORM_FIELD_UNKNOWN', 'values.bogus'], ['FORM_NOT_A_NUMBER', 'values.investment'],
      ['REQUIRED', 'title'], ['TOO_LONG', 'values.summary'], ['VALUE_UNKNOWN', 'category'], ['VALUE_UNKNOWN', 'values.stage'],
    ]);
    expect(err(bad).errors.find((e) => e.field === 'values.investment')).toMatchObject({ message: '研发投入：“abc”不是数字' });
    const refused = await create(uni, { title: '大学成果' });
    expect(refused.statusCode).toBe(403);
    expect(err(refused).code).toBe('KIND_NOT_ALLOWED');
    expect([await count('applications'), await count('audit_log')]).toEqual(before);
  });

  it('keeps several drafts per organisation, incomplete until submitted', async () => {
    const first = await create(own, { title: '晶圆缺陷检测', values: { summary: '初稿' } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'draft', uscc: OWN_USCC, values: { summary: '初稿' }, files: [] });
    ids.draft = (first.json() as { id: number }).id;
    ids.second = ((await create(own, { title: '第二项', category: 'ic', values: COMPLETE })).json() as { id: number }).id;
    ids.late = ((await create(own, { title: '迟交', category: 'ai', values: COMPLETE })).json() as { id: number }).id;
    ids.gone = ((await create(own, { title: '撤回', category: 'ai', values: COMPLETE })).json() as { id: number }).id;
    ids.others = ((await create(other, { title: '他人成果', category: 'ai', values: COMPLETE })).json() as { id: number }).id;
    const mine = (await own.request({ method: 'GET', url: '/api/applications' })).json() as { items: { id: number; status: string }[] };
    expect(mine.items.map((a) => a.id)).toEqual([ids.draft, ids.second, ids.late, ids.gone]);
    expect((await appRow(ids.second)).form_values).toBe(JSON.stringify({ summary: '一种晶圆缺陷检测方法', investment: 1250000, started: '2025-03-01', stage: 'research' }));
  });

  it('previews eligibility on the registry facts, naming the facts it lacks', async () => {
    const res = await own.request({ method: 'GET', url: `/api/applications/${ids.draft}/eligibility` });
    expect(res.statusCode).toBe(200);
    const e = res.json() as { ruleSet: { id: string }; asOf: string; verdict: string; missing: string[]; lines: { rule: string; passed: boolean | null; text: string }[] };
    expect(e).toMatchObject({ ruleSet: { id: 'talent-2024' }, asOf: '2026-12-01', verdict: 'unknown' });
    expect(e.missing).toEqual(expect.arrayContaining(['rd_2023', 'rd_2024', 'rd_2025', 'revenue_2025']));
    const byRule = new Map(e.lines.map((l) => [l.rule, l]));
    expect(byRule.get('field')?.passed).toBe(true);
    expect(byRule.get('established')?.passed).toBe(true);
    expect(byRule.get('established')?.text).toContain('2020-03-01');
    const theirs = (await other.request({ method: 'GET', url: `/api/applications/${ids.others}/eligibility` })).json() as { verdict: string };
    expect(theirs.verdict).toBe('ineligible');
  });

  it('stores an attachment under its SHA-256 after checking type and size, writing nothing when refused', async () => {
    const before = [await count('application_files'), await count('audit_log')];
    const wrong = await attach(own, ids.draft, 'report.docx', PDF, 'application/msword');
    expect(wrong.statusCode).toBe(415);
    expect(err(wrong).code).toBe('FILE_TYPE_NOT_ALLOWED');
    const disguised = await attach(own, ids.draft, 'report.pdf', PDF, 'text/html');
    expect(err(disguised).code).toBe('FILE_TYPE_NOT_ALLOWED');
    const big = await attach(own, ids.draft, 'report.pdf', Buffer.alloc(20_000, 1), 'application/pdf');
    expect(big.statusCode).toBe(413);
    expect(err(big)).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
    const unknownKey = await attach(own, ids.draft, 'report.pdf', PDF, 'application/pdf', 'video');
    expect(err(unknownKey).code).toBe('ATTACHMENT_UNKNOWN');
    expect([await count('application_files'), await count('audit_log')]).toEqual(before);
    expect(stored()).toEqual([]);

    const ok = await attach(own, ids.draft, '成果报告.pdf', PDF, 'application/pdf');
    expect(ok.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(ok.json()).toMatchObject({ key: 'report', sha256, size: PDF.length, originalName: '成果报告.pdf', mime: 'application/pdf' });
    expect(stored()).toEqual([sha256]);
    expect(createHash('sha256').update(readFileSync(join(filesDir, sha256))).digest('hex')).toBe(sha256);
    const download = await own.request({ method: 'GET', url: `/api/applications/${ids.draft}/files/${(ok.json() as { id: number }).id}` });
    expect(Buffer.compare(download.rawPayload, PDF)).toBe(0);
    for (const id of [ids.second, ids.late, ids.gone]) expect((await attach(own, id, 'r.pdf', PDF, 'application/pdf')).statusCode).toBe(201);
    expect((await attach(other, ids.others, 'r.pdf', PDF, 'application/pdf')).statusCode).toBe(201);
    expect(stored()).toEqual([sha256]);
  });

  it('never lets an applicant reach another organisation\'s application', async () => {
    const before = [await appRow(ids.draft), await count('application_files'), await count('audit_log')];
    for (const [method, url] of [
      ['GET', `/api/applications/${ids.draft}`], ['GET', `/api/applications/${ids.draft}/eligibility`],
      ['POST', `/api/applications/${ids.draft}/submit`], ['POST', `/api/applications/${ids.draft}/withdraw`],
      ['GET', `/api/applications/${ids.draft}/files/1`],
    ] as const) {
      const res = await other.request({ method, url });
      expect(res.statusCode, url).toBe(404);
      expect(err(res).code).toBe('NOT_FOUND');
    }
    expect((await other.request({ method: 'PUT', url: `/api/applications/${ids.draft}`, payload: { title: 'x' } })).statusCode).toBe(404);
    expect((await attach(other, ids.draft, 'r.pdf', PDF, 'application/pdf')).statusCode).toBe(404);
    const theirs = (await other.request({ method: 'GET', url: '/api/applications' })).json() as { items: { uscc: string }[] };
    expect(theirs.items.map((a) => a.uscc)).toEqual([OTHER_USCC]);
    expect([await appRow(ids.draft), await count('application_files'), await count('audit_log')]).toEqual(before);
  });

  it('refuses an incomplete submission naming every missing field and attachment', async () => {
    const bare = ((await create(own, { title: '缺项' })).json() as { id: number }).id;
    const before = await count('audit_log');
    const res = await own.request({ method: 'POST', url: `/api/applications/${bare}/submit` });
    expect(res.statusCode).toBe(400);
    expect(err(res).errors.map((e) => [e.code, e.field])).toEqual([
      ['REQUIRED', 'category'], ['REQUIRED', 'values.summary'], ['REQUIRED', 'values.investment'], ['REQUIRED', 'values.stage'],
      ['ATTACHMENT_MISSING', 'attachments.report'],
    ]);
    expect(err(res).errors[1]).toMatchObject({ message: '成果简介为必填项' });
    expect((await appRow(bare)).status).toBe('draft');
    expect(await count('audit_log')).toBe(before);
    await own.request({ method: 'POST', url: `/api/applications/${bare}/withdraw` });
  });

  it('submits once, withdraws, and refuses submission after the deadline', async () => {
    const edited = await own.request({ method: 'PUT', url: `/api/applications/${ids.draft}`, payload: { title: '晶圆缺陷检测', category: 'ic', values: COMPLETE } });
    expect(edited.statusCode).toBe(200);
    const submitted = await own.request({ method: 'POST', url: `/api/applications/${ids.draft}/submit` });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', submittedAt: h.clock.now.toISOString() });
    const audits = await count('audit_log');
    const twice = await own.request({ method: 'POST', url: `/api/applications/${ids.draft}/submit` });
    expect(twice.statusCode).toBe(409);
    expect(err(twice).code).toBe('APPLICATION_ALREADY_SUBMITTED');
    const edit = await own.request({ method: 'PUT', url: `/api/applications/${ids.draft}`, payload: { title: '改' } });
    expect(err(edit).code).toBe('APPLICATION_NOT_EDITABLE');
    expect((await appRow(ids.draft)).title).toBe('晶圆缺陷检测');
    expect(await count('audit_log')).toBe(audits);

    expect((await own.request({ method: 'POST', url: `/api/applications/${ids.second}/submit` })).statusCode).toBe(200);
    expect((await other.request({ method: 'POST', url: `/api/applications/${ids.others}/submit` })).statusCode).toBe(200);
    expect((await own.request({ method: 'POST', url: `/api/applications/${ids.gone}/submit` })).statusCode).toBe(200);
    const gone = await own.request({ method: 'POST', url: `/api/applications/${ids.gone}/withdraw` });
    expect(gone.json()).toMatchObject({ status: 'withdrawn' });
    expect(err(await own.request({ method: 'POST', url: `/api/applications/${ids.gone}/withdraw` })).code).toBe('APPLICATION_WITHDRAWN');

    h.clock.now = new Date('2026-12-01T09:00:00Z'); // 17:00 in Shanghai: the call has just closed
    // Sessions last 12 hours: log in again on the new day.
    [staff, admin, own, other] = [await h.login('staff'), await h.login('admin'), await h.login('applicant'), await h.login('other-applicant')];
    const before = [await appRow(ids.late), await count('audit_log')];
    const late = await own.request({ method: 'POST', url: `/api/applications/${ids.late}/submit` });
    expect(late.statusCode).toBe(409);
    expect(err(late)).toMatchObject({ code: 'CALL_CLOSED', message: '征集已于 2026-12-01 17:00（上海时间）截止' });
    expect(err(await create(own, { title: '太迟' })).code).toBe('CALL_CLOSED');
    expect([await appRow(ids.late), await count('audit_log')]).toEqual(before);
    const calls = (await own.request({ method: 'GET', url: '/api/calls' })).json() as { items: unknown[] };
    expect(calls.items).toEqual([]);
  });

  it('screens by the rules, takes decisions with reasons, closes only when all are decided', async () => {
    const decide = (body: Record<string, unknown>) => staff.request({ method: 'POST', url: `/api/rounds/${screeningRoundId}/screening/decisions`, payload: body });
    expect(err(await decide({ applicationId: ids.draft, outcome: 'advance', reasonCode: 'rule_passed' })).code).toBe('SCREENING_NOT_RUN');
    expect(err(await staff.request({ method: 'POST', url: `/api/rounds/${scoringRoundId}/screening/run` })).code).toBe('ROUND_NOT_SCREENING');
    const run = await staff.request({ method: 'POST', url: `/api/rounds/${screeningRoundId}/screening/run` });
    expect(run.json()).toEqual({ screened: 3, eligible: 0, ineligible: 1, unknown: 2, kept: 0 });
    const list = (await staff.request({ method: 'GET', url: `/api/rounds/${screeningRoundId}/screening` })).json() as {
      items: { applicationId: number; eligibility: { verdict: string; lines: { text: string }[] } }[]; undecided: number;
    };
    expect(list.items.map((i) => [i.applicationId, i.eligibility.verdict])).toEqual([[ids.draft, 'unknown'], [ids.second, 'unknown'], [ids.others, 'ineligible']]);
    expect(list.items[2]?.eligibility.lines.length).toBeGreaterThan(3);
    expect(list.undecided).toBe(3);

    const closeEarly = await staff.request({ method: 'POST', url: `/api/rounds/${screeningRoundId}/close` });
    expect(closeEarly.statusCode).toBe(409);
    expect(err(closeEarly)).toMatchObject({ code: 'ROUND_UNDECIDED' });
    const before = [await count('audit_log'), JSON.stringify(await h.store.db.selectFrom('screening_results').selectAll().orderBy('application_id').execute())];
    const noNote = await decide({ applicationId: ids.draft, outcome: 'advance', reasonCode: 'other' });
    expect(err(noNote)).toMatchObject({ code: 'NOTE_REQUIRED', field: 'note' });
    expect(err(await decide({ applicationId: ids.draft, outcome: 'advance', reasonCode: 'rule_failed', note: '说明说明' })).code).toBe('REASON_CONTRADICTS');
    expect(err(await decide({ applicationId: ids.gone, outcome: 'reject', reasonCode: 'other', note: '已撤回' })).code).toBe('APPLICATION_WITHDRAWN');
    expect(err(await decide({ applicationId: ids.draft, outcome: 'maybe', reasonCode: 'other' }))).toMatchObject({ code: 'VALUE_UNKNOWN', field: 'outcome' });
    expect([await count('audit_log'), JSON.stringify(await h.store.db.selectFrom('screening_results').selectAll().orderBy('application_id').execute())]).toEqual(before);

    const over = await decide({ applicationId: ids.draft, outcome: 'advance', reasonCode: 'other', note: '研发数据见年报，增长达标' });
    expect(over.json()).toMatchObject({ outcome: 'advance', override: true, reasonText: '其他原因（见说明）' });
    expect((await decide({ applicationId: ids.others, outcome: 'reject', reasonCode: 'rule_failed' })).json()).toMatchObject({ override: false });
    expect((await decide({ applicationId: ids.second, outcome: 'reject', reasonCode: 'duplicate', note: '与第一项重复' })).statusCode).toBe(200);
    const pending = (await own.request({ method: 'GET', url: `/api/applications/${ids.draft}` })).json() as { screening: unknown[] };
    expect(pending.screening).toEqual([]);

    const closed = await staff.request({ method: 'POST', url: `/api/rounds/${screeningRoundId}/close` });
    expect(closed.json()).toMatchObject({ advanced: 1, rejected: 2 });
    // The next round's entries are what this one advanced, read from round_advancements.
    const rounds = await h.store.db.selectFrom('program_rounds').selectAll().where('program_id', '=', programId).orderBy('position').execute();
    expect(await entriesOfRound(h.store.db, rounds[1]!)).toEqual([ids.draft]);
    expect(await entriesOfRound(h.store.db, rounds[0]!)).toEqual([ids.draft, ids.others, ids.second].sort((a, b) => a - b));
    expect(err(await decide({ applicationId: ids.draft, outcome: 'reject', reasonCode: 'other', note: '再改一次' })).code).toBe('ROUND_CLOSED');
    const mine = (await own.request({ method: 'GET', url: `/api/applications/${ids.draft}` })).json() as { screening: { decision: Record<string, unknown> }[] };
    expect(mine.screening[0]?.decision).toMatchObject({ outcome: 'advance', outcomeText: '通过初筛', reasonCode: 'other', note: '研发数据见年报，增长达标' });
    const theirs = (await other.request({ method: 'GET', url: `/api/applications/${ids.others}` })).json() as { screening: { decision: Record<string, unknown> }[] };
    expect(theirs.screening[0]?.decision).toMatchObject({ outcome: 'reject', reasonCode: 'rule_failed', reasonText: '不符合资格条件', note: null });
  });

  it('copies the program to the next cycle without its applications', async () => {
    const res = await admin.request({ method: 'POST', url: `/api/programs/${programId}/copy` });
    expect(res.statusCode).toBe(201);
    const copy = res.json() as { id: number; cycleYear: number; status: string; title: { zh: string; en: string }; copiedFrom: number; call: Record<string, unknown>; rounds: { key: string; status: string }[] };
    expect(copy).toMatchObject({
      cycleYear: 2027, status: 'draft', copiedFrom: programId, title: { zh: '2027年度创新成果竞赛', en: '2027 innovation achievement competition' },
      call: { opensAtShanghai: '2027-11-01 09:00', closesAtShanghai: '2027-12-01 17:00', closesAt: '2027-12-01T09:00:00.000Z' },
    });
    expect(copy.rounds.map((r) => [r.key, r.status])).toEqual([['screening', 'pending'], ['scoring', 'pending'], ['final', 'pending']]);
    const apps = (await staff.request({ method: 'GET', url: `/api/applications?programId=${copy.id}` })).json() as { items: unknown[] };
    expect(apps.items).toEqual([]);
    const original = (await staff.request({ method: 'GET', url: `/api/applications?programId=${programId}` })).json() as { items: unknown[] };
    expect(original.items.length).toBe(6);
  });

  it('edits a program, refusing to drop a round that has started', async () => {
    const before = [JSON.stringify(await h.store.db.selectFrom('program_rounds').selectAll().orderBy('id').execute()), await count('audit_log')];
    const drop = await staff.request({ method: 'PUT', url: `/api/programs/${programId}`, payload: { ...PROGRAM, rounds: PROGRAM.rounds.slice(1) } });
    expect(drop.statusCode).toBe(409);
    expect(err(drop)).toMatchObject({ code: 'ROUND_STARTED', field: 'rounds' });
    const rekind = await staff.request({ method: 'PUT', url: `/api/programs/${programId}`, payload: { ...PROGRAM, rounds: [{ ...PROGRAM.rounds[0], kind: 'panel' }, ...PROGRAM.rounds.slice(1)] } });
    expect(err(rekind)).toMatchObject({ code: 'ROUND_STARTED', field: 'rounds.0.kind' });
    expect([JSON.stringify(await h.store.db.selectFrom('program_rounds').selectAll().orderBy('id').execute()), await count('audit_log')]).toEqual(before);

    const copyId = ((await staff.request({ method: 'GET', url: '/api/programs?cycleYear=2027' })).json() as { items: { id: number }[] }).items[0]?.id;
    const published = await staff.request({
      method: 'PUT', url: `/api/programs/${copyId}`,
      payload: {
        ...PROGRAM, cycleYear: 2027, status: 'published', call: { ...PROGRAM.call, opensAt: '2027-11-01 09:00', closesAt: '2027-12-01 17:00' },
        rounds: PROGRAM.rounds.slice(0, 2), categories: PROGRAM.categories.map((c) => ({ ...c, quotas: { scoring: c.quotas.scoring } })),
      },
    });
    expect(published.statusCode).toBe(200);
    expect((published.json() as { rounds: { key: string; position: number }[] }).rounds.map((r) => [r.key, r.position])).toEqual([['screening', 1], ['scoring', 2]]);
    const early = await own.request({ method: 'POST', url: '/api/applications', payload: { programId: copyId, title: '太早' } });
    expect(early.statusCode).toBe(409);
    expect(err(early)).toMatchObject({ code: 'CALL_NOT_YET_OPEN', message: '征集将于 2027-11-01 09:00（上海时间）开始' });
  });

  it('records every step in the audit trail, chain intact', async () => {
    const trail = async (type: string, id: number) => ((await admin.request({ method: 'GET', url: `/api/audit?subjectType=${type}&subjectId=${id}` })).json() as { items: { action: string }[] })
      .items.map((e) => e.action).reverse();
    expect(await trail('application', ids.draft)).toEqual([
      'application.create', 'application.attach', 'application.update', 'application.submit', 'screening.override',
    ]);
    expect(await trail('application', ids.others)).toEqual(['application.create', 'application.attach', 'application.submit', 'screening.confirm']);
    expect(await trail('round', screeningRoundId)).toEqual(['screening.run', 'round.close']);
    expect(await trail('program', programId)).toEqual(['program.create']);
    expect((await admin.request({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true });
  });
});
