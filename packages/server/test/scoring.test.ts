/**
 * The scoring round through the API: config, assignment avoiding conflicts, hand changes audited,
 * the expert portal (blind: nothing identifying the applicant in any expert-facing response),
 * recusal with reserves, draft and submit, refusals that write nothing, progress and reminders,
 * results with quotas, the decision with and without override, and closing into the next round.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/context.js';
import { JOBS } from '../src/jobs/registry.js';
import { runPendingJobs } from '../src/jobs/job.service.js';
import { entriesOfRound } from '../src/rounds/round-entries.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, OTHER_USCC, startHarness } from './harness.js';
import { CONFIG, ENTRIES, type EntryName, err, label, ORGS, SECRET_FILE, setUpScoringWorld, sheet } from './scoring-setup.js';

/** A MIME header's encoded words (RFC 2047, B and Q) as text. */
function decodeWords(header: string): string {
  return header.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) => (enc.toUpperCase() === 'B'
    ? Buffer.from(text, 'base64')
    : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1')).toString('utf8'));
}

describe.each(DATABASES)('scoring round on $name', (database) => {
  let h: Harness;
  let staff: Client;
  let admin: Client;
  let filesDir: string;
  let roundId = 0;
  let finalRound = 0;
  const app = {} as Record<EntryName, number>;
  const experts: { id: number; client: Client }[] = [];
  /** Every response an expert received, headers and body: the blind check searches them all. */
  const seenByExperts: string[] = [];
  const count = async (table: 'audit_log' | 'scoring_scores' | 'scoring_assignments' | 'notifications') =>
    Number((await h.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('audit_log'), await count('scoring_scores'), await count('scoring_assignments')];
  const rows = () => h.store.db.selectFrom('scoring_assignments').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
  const expertClient = (expertId: number) => (experts.find((e) => e.id === expertId) as { client: Client }).client;
  const lastAudit = async () => h.store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const watched = (client: Client): Client => ({
    ...client,
    request: async (o: InjectOptions) => {
      const res = await client.request(o);
      seenByExperts.push(JSON.stringify(res.headers), res.body);
      return res;
    },
  });

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'keping-files-'));
    process.env.KEPING_FILES_DIR = filesDir;
    h = await startHarness(database);
    const world = await setUpScoringWorld(h, watched);
    ({ staff, admin, roundId, finalRound } = world);
    Object.assign(app, world.app);
    experts.push(...world.experts);
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('refuses an invalid config naming the field, writing nothing; stores a valid one', async () => {
    const before = await counts();
    const bad = await staff.request({
      method: 'PUT', url: `/api/rounds/${roundId}/scoring/config`,
      payload: {
        rubric: { criteria: [{ key: 'innovativeness', name: label('创新性', 'Innovativeness'), weight: 1, scale: { min: 0, max: 10, step: 3 } }] },
        assignment: { mode: 'random' },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).errors.map((e) => [e.code, e.field])).toEqual([
      ['RUBRIC_SCALE', 'config.rubric.criteria.0.scale'], ['ASSIGNMENT_SEED_REQUIRED', 'config.assignment.seed'],
    ]);
    expect(await counts()).toEqual(before);
    const ok = await staff.request({ method: 'PUT', url: `/api/rounds/${roundId}/scoring/config`, payload: CONFIG });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { rubric: { criteria: { key: string }[] }; blind: boolean }).rubric.criteria.map((c) => c.key))
      .toEqual(['innovativeness', 'practicality', 'application_effect', 'promotion_prospects']);
  });

  it('assigns the round\'s entries, never a conflicted pair, with reserves and the conflicts listed', async () => {
    const res = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/assign` });
    expect(res.statusCode).toBe(200);
    const run = res.json() as { entries: number; assignments: number; reserves: number; conflicts: { expertId: number; applicationId: number }[] };
    const [e1, e2] = experts.map((e) => e.id) as [number, number];
    const conflicted = [[e1, app.a1], [e1, app.a2], [e2, app.d1], [e2, app.d2]].map(([x, y]) => `${x}:${y}`).sort();
    expect(run.conflicts.map((c) => `${c.expertId}:${c.applicationId}`).sort()).toEqual(conflicted);
    expect(run).toMatchObject({ entries: 6, assignments: 12, reserves: 12 });
    const all = await rows();
    expect(all.filter((r) => conflicted.includes(`${r.expert_id}:${r.application_id}`))).toEqual([]);
    expect(all.some((r) => r.application_id === app.c2)).toBe(false);
    for (const id of Object.values(app).filter((x) => x !== app.c2)) {
      expect(all.filter((r) => r.application_id === id && r.status === 'active')).toHaveLength(2);
    }
    expect((await lastAudit()).action).toBe('scoring.assign');
    const overview = (await staff.request({ method: 'GET', url: `/api/rounds/${roundId}/scoring` })).json() as { assignments: { explanation: string[] }[] };
    expect(overview.assignments[0]?.explanation[0]).toMatch(/随机抽取|random/);
  });

  it('audits each hand change and refuses a conflicted expert without writing', async () => {
    const [e1] = experts.map((e) => e.id) as [number];
    const before = await counts();
    const conflicted = await staff.request({
      method: 'POST', url: `/api/rounds/${roundId}/scoring/assignments`, payload: { applicationId: app.a1, expertId: e1, reason: '补充专家' },
    });
    expect(conflicted.statusCode).toBe(409);
    expect(err(conflicted)).toMatchObject({ code: 'ASSIGNMENT_CONFLICTED', field: 'expertId' });
    expect(await counts()).toEqual(before);

    const target = (await rows()).find((r) => r.application_id === app.b1 && r.status === 'active');
    if (!target) throw new Error('no assignment on b1');
    const removed = await staff.request({ method: 'POST', url: `/api/scoring-assignments/${target.id}/remove`, payload: { reason: '专家出差' } });
    expect(removed.statusCode).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'scoring.assignment.remove', subject_id: String(target.id) });
    const added = await staff.request({
      method: 'POST', url: `/api/rounds/${roundId}/scoring/assignments`, payload: { applicationId: app.b1, expertId: target.expert_id, reason: '专家行程取消' },
    });
    expect(added.statusCode).toBe(201);
    const addedId = (added.json() as { id: number }).id;
    expect(JSON.parse((await lastAudit()).after ?? '{}')).toMatchObject({ applicationId: app.b1, expertId: target.expert_id, reason: '专家行程取消' });
    const taken = new Set((await rows()).filter((r) => r.application_id === app.b1).map((r) => r.expert_id));
    const free = experts.find((e) => !taken.has(e.id));
    if (!free) throw new Error('no free expert');
    const replaced = await staff.request({ method: 'POST', url: `/api/scoring-assignments/${addedId}/replace`, payload: { expertId: free.id, reason: '换为同领域专家' } });
    expect(replaced.statusCode).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'scoring.assignment.replace' });
    expect((await rows()).filter((r) => r.application_id === app.b1 && r.status === 'active')).toHaveLength(2);
  });

  it('shows each expert only their own active items, blind', async () => {
    const all = await rows();
    for (const e of experts) {
      const res = await e.client.request({ method: 'GET', url: '/api/expert/items' });
      const items = (res.json() as { items: { assignmentId: number }[] }).items;
      expect(items.map((i) => i.assignmentId).sort((x, y) => x - y))
        .toEqual(all.filter((r) => r.expert_id === e.id && r.status === 'active').map((r) => r.id));
      for (const item of items) {
        const opened = await e.client.request({ method: 'GET', url: `/api/expert/assignments/${item.assignmentId}` });
        expect(opened.statusCode).toBe(200);
        expect(opened.json()).not.toHaveProperty('entry.applicant');
      }
    }
    const a1 = all.find((r) => r.application_id === app.a1 && r.status === 'active');
    if (!a1) throw new Error('no assignment on a1');
    const opened = (await expertClient(a1.expert_id).request({ method: 'GET', url: `/api/expert/assignments/${a1.id}` })).json() as {
      entry: { title: string; fields: { value: unknown }[]; attachments: { no: number; label: string; sha256: string; size: number }[] };
    };
    expect(opened.entry.title).toBe('成果a1');
    expect(opened.entry.fields[0]?.value).toBe('一种新方法 a1');
    expect(opened.entry.attachments).toEqual([expect.objectContaining({ no: 1, label: '附件1.pdf' })]);
    const file = await expertClient(a1.expert_id).request({ method: 'GET', url: `/api/expert/assignments/${a1.id}/files/1` });
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('%PDF-1.4');
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain('附件1.pdf');
    const stranger = experts.find((e) => e.id !== a1.expert_id) as { id: number; client: Client };
    const notMine = all.find((r) => r.status === 'active' && r.expert_id !== stranger.id);
    const refused = await stranger.client.request({ method: 'GET', url: `/api/expert/assignments/${notMine?.id ?? 0}` });
    expect(refused.statusCode).toBe(404);
    expect(err(refused).code).toBe('SCORING_NOT_ASSIGNED');
  });

  it('hands a recused entry to its reserve, and tells the office when none is left', async () => {
    const entry = app.c1;
    let recusedCount = 0;
    for (;;) {
      const current = (await rows()).filter((r) => r.application_id === entry);
      const active = current.find((r) => r.status === 'active');
      const reserves = current.filter((r) => r.status === 'reserve').length;
      if (!active) throw new Error('no active assignment');
      const client = expertClient(active.expert_id);
      const opened = await client.request({ method: 'GET', url: `/api/expert/assignments/${active.id}` });
      expect(opened.statusCode).toBe(200);
      const res = await client.request({ method: 'POST', url: `/api/expert/assignments/${active.id}/recuse`, payload: { reason: '曾参与该成果研发' } });
      expect(res.statusCode).toBe(200);
      recusedCount++;
      expect(res.json()).toEqual({ status: 'recused', replaced: reserves > 0 });
      const after = (await rows()).filter((r) => r.application_id === entry);
      expect(after.filter((r) => r.status === 'active')).toHaveLength(reserves > 0 ? 2 : 1);
      expect(after.filter((r) => r.status === 'recused')).toHaveLength(recusedCount);
      if (reserves > 0) {
        const taker = after.find((r) => r.status === 'active' && current.find((c) => c.id === r.id)?.status === 'reserve');
        if (!taker) throw new Error('no reserve took over');
        const notes = (await expertClient(taker.expert_id).request({ method: 'GET', url: '/api/notifications' })).json() as { items: { kind: string }[] };
        expect(notes.items.map((n) => n.kind)).toContain('scoring.assigned');
        // The recused expert can no longer score it: refused, nothing written.
        const before = await counts();
        const refused = await client.request({ method: 'PUT', url: `/api/expert/assignments/${active.id}/sheet`, payload: sheet(8) });
        expect(refused.statusCode).toBe(409);
        expect(err(refused).code).toBe('ASSIGNMENT_RECUSED');
        expect(await counts()).toEqual(before);
        continue;
      }
      const office = (await admin.request({ method: 'GET', url: '/api/notifications' })).json() as { items: { kind: string; text: string }[] };
      expect(office.items[0]).toMatchObject({ kind: 'scoring.recusedNoReserve' });
      expect(office.items[0]?.text).toContain('专家评分');
      break;
    }
    const on = new Set((await rows()).filter((r) => r.application_id === entry).map((r) => r.expert_id));
    const free = experts.find((e) => !on.has(e.id)) as { id: number };
    const added = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/assignments`, payload: { applicationId: entry, expertId: free.id, reason: '回避后补充' } });
    expect(added.statusCode).toBe(201);
  });

  it('saves drafts, submits once, and refuses bad or foreign scores without writing', async () => {
    const all = (await rows()).filter((r) => r.status === 'active');
    const mine = all[0] as (typeof all)[number];
    const client = expertClient(mine.expert_id);
    const url = `/api/expert/assignments/${mine.id}`;
    const draft = await client.request({ method: 'PUT', url: `${url}/sheet`, payload: { scores: { innovativeness: 8 } } });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', scores: { innovativeness: 8 }, weightedScore: null });

    const before = await counts();
    const outside = await client.request({ method: 'PUT', url: `${url}/sheet`, payload: { scores: { innovativeness: 11 } } });
    expect(outside.statusCode).toBe(400);
    expect(err(outside)).toMatchObject({ code: 'SCORE_OUT_OF_SCALE', field: 'scores.innovativeness' });
    const offStep = await client.request({ method: 'POST', url: `${url}/submit`, payload: { scores: { ...sheet(8).scores, practicality: 7.3 } } });
    expect(err(offStep)).toMatchObject({ code: 'SCORE_OFF_STEP', field: 'scores.practicality' });
    const incomplete = await client.request({ method: 'POST', url: `${url}/submit`, payload: { scores: { innovativeness: 8 } } });
    expect(err(incomplete).errors.map((e) => e.field)).toEqual(['scores.practicality', 'scores.application_effect', 'scores.promotion_prospects']);
    const foreign = all.find((r) => r.expert_id !== mine.expert_id) as (typeof all)[number];
    const unassigned = await client.request({ method: 'PUT', url: `/api/expert/assignments/${foreign.id}/sheet`, payload: sheet(8) });
    expect(unassigned.statusCode).toBe(404);
    expect(err(unassigned).code).toBe('SCORING_NOT_ASSIGNED');
    const peek = await client.request({ method: 'GET', url: `${url}/scores` });
    expect(peek.statusCode).toBe(403);
    expect(err(peek).code).toBe('SCORES_NOT_VISIBLE');
    expect(await counts()).toEqual(before);

    const entry = Object.entries(app).find(([, id]) => id === mine.application_id)?.[0] as EntryName;
    const submitted = await client.request({ method: 'POST', url: `${url}/submit`, payload: sheet(ENTRIES[entry].score) });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', weightedScore: ENTRIES[entry].score * 10 });
    const afterSubmit = await counts();
    const twice = await client.request({ method: 'POST', url: `${url}/submit`, payload: sheet(3) });
    expect(twice.statusCode).toBe(409);
    expect(err(twice).code).toBe('SCORE_SHEET_ALREADY_SUBMITTED');
    const redraft = await client.request({ method: 'PUT', url: `${url}/sheet`, payload: sheet(3) });
    expect(err(redraft).code).toBe('SCORE_SHEET_ALREADY_SUBMITTED');
    expect(await counts()).toEqual(afterSubmit);
    const rerun = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/assign` });
    expect(rerun.statusCode).toBe(409);
    expect(err(rerun).code).toBe('ASSIGNMENT_HAS_SCORES');
    expect(await counts()).toEqual(afterSubmit);
  });

  it('reports progress per expert and category, and reminds experts in the app', async () => {
    const progress = (await staff.request({ method: 'GET', url: `/api/rounds/${roundId}/scoring/progress` })).json() as {
      experts: { expertId: number; assigned: number; submitted: number; pending: number; draft: number }[];
      categories: { category: string; entries: number; submitted: number }[]; totals: { assigned: number; submitted: number };
    };
    expect(progress.totals).toMatchObject({ assigned: 12, submitted: 1 });
    expect(progress.categories.map((c) => [c.category, c.entries]).sort()).toEqual([['ai', 4], ['ic', 2]]);
    const notesBefore = await count('notifications');
    const res = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/reminders`, payload: {} });
    expect(res.statusCode).toBe(200);
    const reminded = (res.json() as { reminded: { expertId: number; outstanding: number }[] }).reminded;
    expect(reminded.length).toBe(progress.experts.filter((e) => e.assigned > e.submitted).length);
    expect(await count('notifications')).toBe(notesBefore + reminded.length);
    const first = reminded[0] as { expertId: number; outstanding: number };
    const notes = (await expertClient(first.expertId).request({ method: 'GET', url: '/api/notifications?unread=1' })).json() as { items: { id: number; kind: string; text: string }[] };
    const reminder = notes.items.find((n) => n.kind === 'scoring.reminder') as { id: number; text: string };
    expect(reminder.text).toBe(`提醒：“专家评分”中还有${first.outstanding}个项目待评分`);
    expect((await expertClient(first.expertId).request({ method: 'POST', url: `/api/notifications/${reminder.id}/read` })).statusCode).toBe(200);
  });

  it('with SMTP configured, also e-mails the reminded experts, in their language, through the job queue', async () => {
    const received: { to: string; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    process.env.KEPING_SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.KEPING_MAIL_FROM = 'Keping <office@example.cn>';
    try {
      const jobs = () => h.store.db.selectFrom('jobs').selectAll().where('kind', '=', 'mail.send').orderBy('id').execute();
      const res = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/reminders`, payload: {} });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { reminded: { expertId: number; outstanding: number }[]; emailed: number };
      expect(body.reminded.length).toBeGreaterThan(1);
      expect(body.emailed).toBe(body.reminded.length); // every expert in this world has an address
      expect((await jobs()).map((j) => j.status)).toEqual(body.reminded.map(() => 'queued'));
      expect(received).toEqual([]); // queued with the action, sent by the worker
      expect(await runPendingJobs(h.store, JOBS, systemContext())).toBe(body.reminded.length);
      expect((await jobs()).map((j) => j.status)).toEqual(body.reminded.map(() => 'done'));
      const expected = body.reminded.map((r) => `exp${experts.findIndex((e) => e.id === r.expertId) + 1}@example.cn`).sort();
      expect(received.map((m) => m.to).sort()).toEqual(expected);
      const subject = (to: string) => decodeWords(/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec((received.find((m) => m.to === to) as { data: string }).data)?.[1] ?? '');
      const outstanding = (n: number) => (body.reminded.find((r) => r.expertId === (experts[n - 1] as { id: number }).id) as { outstanding: number }).outstanding;
      expect(subject('exp2@example.cn')).toBe(`Keping: ${outstanding(2)} item(s) still to score in "Expert scoring"`);
      const zhTo = expected.find((to) => to !== 'exp2@example.cn') as string;
      expect(subject(zhTo)).toBe(`科评提醒：“专家评分”中还有${outstanding(Number(/exp(\d)/.exec(zhTo)?.[1]))}个项目待评分`);

      // A delivery that fails is a failed job naming the recipient; the reminder itself still stands.
      process.env.KEPING_SMTP_URL = 'smtp://127.0.0.1:1';
      const again = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/reminders`, payload: { expertIds: [body.reminded[0]?.expertId] } });
      expect(again.statusCode).toBe(200);
      expect((again.json() as { emailed: number }).emailed).toBe(1);
      const officeNotes = await count('notifications');
      await runPendingJobs(h.store, JOBS, systemContext());
      expect(await count('notifications')).toBe(officeNotes + 2); // the admin and the staff member are told
      const failed = (await jobs()).at(-1) as { status: string; error: string | null };
      expect(failed.status).toBe('failed');
      expect(JSON.parse(failed.error ?? '{}')).toMatchObject({ code: 'MAIL_SEND_FAILED', params: { to: expected.find((to) => to.startsWith(`exp${experts.findIndex((e) => e.id === body.reminded[0]?.expertId) + 1}@`)) } });
    } finally {
      delete process.env.KEPING_SMTP_URL;
      delete process.env.KEPING_MAIL_FROM;
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    // Without SMTP nothing is queued.
    const off = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/reminders`, payload: {} });
    expect((off.json() as { emailed: number }).emailed).toBe(0);
  });

  it('ranks per category, selects by quota, and refuses over-quota advancement without an override', async () => {
    const early = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/decision`, payload: {} });
    expect(early.statusCode).toBe(409);
    expect(err(early)).toMatchObject({ code: 'SCORING_INCOMPLETE', field: 'acceptIncompleteReason' });
    for (const r of (await rows()).filter((x) => x.status === 'active')) {
      const entry = Object.entries(app).find(([, id]) => id === r.application_id)?.[0] as EntryName;
      const client = expertClient(r.expert_id);
      const current = (await client.request({ method: 'GET', url: `/api/expert/assignments/${r.id}` })).json() as { sheet: { status: string } };
      if (current.sheet.status === 'submitted') continue;
      const res = await client.request({ method: 'POST', url: `/api/expert/assignments/${r.id}/submit`, payload: sheet(ENTRIES[entry].score) });
      expect(res.statusCode).toBe(200);
    }
    const results = (await staff.request({ method: 'GET', url: `/api/rounds/${roundId}/scoring/results` })).json() as {
      complete: boolean; proposed: number[];
      entries: { applicationId: number; score: number; rank: number; organisationName: string; reviews: { expertName: string; weighted: number }[]; interval: unknown }[];
      categories: { category: string; admitted: number[]; quota: number }[];
    };
    expect(results.complete).toBe(true);
    expect(results.proposed).toEqual([app.a1, app.b1, app.c1].sort((x, y) => x - y));
    const a1 = results.entries.find((e) => e.applicationId === app.a1);
    expect(a1).toMatchObject({ score: 90, rank: 1, organisationName: '申报示例有限公司' });
    expect(a1?.reviews.map((r) => r.weighted)).toEqual([90, 90]);
    expect(a1?.interval).not.toBeNull();
    expect(results.categories.map((c) => [c.category, c.quota, c.admitted.length])).toEqual([['ai', 2, 2], ['ic', 1, 1]]);

    const before = await counts();
    const over = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/decision`, payload: { selected: [app.a1, app.b1, app.a2, app.c1] } });
    expect(over.statusCode).toBe(409);
    expect(err(over).errors.map((e) => e.code)).toEqual(['SELECTION_OVER_QUOTA', 'SELECTION_DEPARTS']);
    expect(await counts()).toEqual(before);
    expect((await h.store.db.selectFrom('scoring_rounds').select('decision').where('round_id', '=', roundId).executeTakeFirst())?.decision ?? null).toBeNull();

    const accepted = await staff.request({
      method: 'POST', url: `/api/rounds/${roundId}/scoring/decision`,
      payload: { selected: [app.a1, app.b1, app.a2, app.c1], overrideReason: '第3名与第2名分差极小，经评审委员会决定增补' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ overQuota: [{ category: 'ai', count: 3, quota: 2 }], departures: [app.a2] });
    expect(await lastAudit()).toMatchObject({ action: 'scoring.decide', subject_id: String(roundId) });
  });

  it('shows the applicant and peers\' scores only in a round configured open', async () => {
    const r = (await rows()).find((x) => x.status === 'active' && x.application_id === app.b1) as { id: number; expert_id: number };
    const index = experts.findIndex((e) => e.id === r.expert_id);
    const raw = await h.login(`exp${index + 1}`); // not watched: this round is no longer blind
    const put = await staff.request({ method: 'PUT', url: `/api/rounds/${roundId}/scoring/config`, payload: { ...CONFIG, blind: false, scoresVisibleToExpertsBeforeClose: true } });
    expect(put.statusCode).toBe(200);
    const opened = (await raw.request({ method: 'GET', url: `/api/expert/assignments/${r.id}` })).json() as { entry: { applicant?: { organisationName: string } } };
    expect(opened.entry.applicant).toEqual({ organisationName: '其他示例有限公司', uscc: OTHER_USCC });
    const peers = await raw.request({ method: 'GET', url: `/api/expert/assignments/${r.id}/scores` });
    expect(peers.statusCode).toBe(200);
    expect((peers.json() as { sheets: { reviewer: string; mine: boolean }[] }).sheets.map((x) => x.mine).sort()).toEqual([false, true]);
    const rubric = await staff.request({
      method: 'PUT', url: `/api/rounds/${roundId}/scoring/config`,
      payload: { ...CONFIG, rubric: { criteria: [{ key: 'innovativeness', name: label('创新性', 'Innovativeness'), weight: 1, scale: { min: 0, max: 10, step: 1 } }] } },
    });
    expect(err(rubric)).toMatchObject({ code: 'SCORING_RUBRIC_LOCKED' });
    expect((await staff.request({ method: 'PUT', url: `/api/rounds/${roundId}/scoring/config`, payload: CONFIG })).statusCode).toBe(200);
  });

  it('closes into the next round: its entries are the selected ones', async () => {
    const res = await staff.request({ method: 'POST', url: `/api/rounds/${roundId}/scoring/close` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ advanced: 4, stopped: 2 });
    const next = await h.store.db.selectFrom('program_rounds').selectAll().where('id', '=', finalRound).executeTakeFirstOrThrow();
    expect(await entriesOfRound(h.store.db, next)).toEqual([app.a1, app.a2, app.b1, app.c1].sort((x, y) => x - y));
    const r = (await rows()).find((x) => x.status === 'active') as { id: number; expert_id: number };
    const late = await expertClient(r.expert_id).request({ method: 'GET', url: `/api/expert/assignments/${r.id}/scores` });
    expect(err(late).code).toBe('SCORES_NOT_VISIBLE');
  });

  it('never shows an expert anything that identifies an applicant', () => {
    expect(seenByExperts.length).toBeGreaterThan(40);
    const text = seenByExperts.join('\n');
    // The items themselves were seen: the search below is not over empty bodies.
    expect(text).toContain('成果a1');
    expect(text).toContain('一种新方法 a1');
    const decoded = seenByExperts.map((s) => { try { return decodeURIComponent(s); } catch { return s; } }).join('\n');
    for (const o of ORGS) {
      for (const needle of [o.name, o.uscc]) {
        expect(text.includes(needle), needle).toBe(false);
        expect(decoded.includes(needle), needle).toBe(false);
      }
    }
    expect(decoded.includes(SECRET_FILE)).toBe(false);
    expect(decoded.includes('成果报告.pdf')).toBe(false);
  });
});
