/**
 * The TOP100 as a program of type `index`, on both databases: a cycle is a program with one index
 * round whose entries are pool entries; publishing closes the round and writes the program's final
 * publication. Its record: `keping program export` then `keping program recompute` runs the
 * composite index again from the bundle's values and finds nothing different — and names the entry
 * whose indicator value was changed in the file. Migration 0011 moves a cycle kept in the old tables.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProgramBundle, type ProgramInput, recomputeProgram, syntheticOrganisations } from '@keping/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideAudit } from '../src/audit/audit-guard.js';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { moveIndexCycles } from '../src/db/migration-0011.js';
import { JOBS } from '../src/jobs/registry.js';
import { enqueueJob, runPendingJobs } from '../src/jobs/job.service.js';
import { exportProgram } from '../src/programs/export-bundle.js';
import { findProgram } from '../src/programs/program.repository.js';
import { updateProgram } from '../src/programs/program.service.js';
import { createOrganisation } from '../src/registry/organisation.service.js';
import { computeIndexJob } from '../src/rounds/index/compute.job.js';
import { findCycle, listCandidates } from '../src/rounds/index/cycles.js';
import { createCycle, publishCycle } from '../src/rounds/index/cycle.service.js';
import { setIndicatorValues } from '../src/rounds/index/data.service.js';
import { addListToPool } from '../src/rounds/index/pool.service.js';
import { DATABASES } from './databases.js';

const BIN = join(import.meta.dirname, '../bin/keping.mjs');
const ctx = systemContext('en', () => new Date('2026-11-25T02:00:00Z'));
const SPEC = {
  system: {
    id: 'index', children: [
      { id: 'input', weight: 0.5, children: [{ id: 'rd', direction: 1 }, { id: 'patents', direction: 1 }] },
      { id: 'result', weight: 0.5, children: [{ id: 'revenue', direction: 1 }, { id: 'growth', direction: -1 }] },
    ],
  },
  normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic', imputation: 'none', outliers: false,
  minCoverage: 0.5, uncertainty: { replicates: 0, weightPerturbation: 0 },
};

describe.each(DATABASES)('the TOP100 as an index program on $name', (database) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  let cycleId = 0;
  let programId = 0;
  const dir = mkdtempSync(join(tmpdir(), 'keping-index-'));
  const orgs = syntheticOrganisations({ count: 30, seed: 'index-program-test', untilYear: 2024 });
  beforeAll(async () => {
    ({ store, url, dispose } = await database.open());
    for (const o of orgs) await createOrganisation(store, ctx, o);
    const cycle = await createCycle(store, ctx, { name: '2025 指数 TOP10', nameEn: '2025 index TOP10', year: 2025, topN: 10, seed: 'seed-1', spec: SPEC });
    cycleId = cycle.id;
    programId = cycle.programId ?? 0;
    await addListToPool(store, ctx, cycleId, 'major_project', orgs.slice(0, 20).map((o) => o.uscc));
    await addListToPool(store, ctx, cycleId, 'private_top100', orgs.slice(10, 25).map((o) => o.uscc));
    const values = new Map(orgs.map((o, i) => [o.uscc, { rd: 100 + i * 7, patents: (i * 13) % 29, revenue: 1000 + i * i, growth: 5 + (i % 4) }]));
    await setIndicatorValues(store, ctx, cycleId, values);
    await enqueueJob(store.db, ctx, computeIndexJob, { cycleId });
    await runPendingJobs(store, JOBS, ctx);
    await publishCycle(store, ctx, cycleId);
  }, 120_000);
  afterAll(async () => {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const keping = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, KEPING_DATABASE_URL: url, KEPING_LANG: 'en' }, input: '' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('is a program of type index: one closed index round, pool entries merged by USCC with their sources, a final publication', async () => {
    const program = await store.db.selectFrom('programs').selectAll().where('id', '=', programId).executeTakeFirstOrThrow();
    expect(program).toMatchObject({ type: 'index', title_zh: '2025 指数 TOP10', title_en: '2025 index TOP10', cycle_year: 2025, announcement: 0, status: 'published' });
    const rounds = await store.db.selectFrom('program_rounds').selectAll().where('program_id', '=', programId).execute();
    expect(rounds.map((r) => [r.kind, r.status])).toEqual([['index', 'closed']]);
    expect(JSON.parse(rounds[0]!.config)).toMatchObject({ topN: 10, seed: 'seed-1' });
    const entries = await store.db.selectFrom('applications').selectAll().where('program_id', '=', programId).orderBy('id').execute();
    expect(entries).toHaveLength(25);
    expect(entries.every((e) => e.origin === 'pool' && e.status === 'submitted' && e.created_by === null)).toBe(true);
    const both = entries.find((e) => e.uscc === orgs[12]!.uscc)!;
    expect(JSON.parse(both.sources ?? '[]')).toEqual(['major_project', 'private_top100']);
    expect(both.title).toBe(orgs[12]!.name);
    const publication = await store.db.selectFrom('publications').selectAll().where('program_id', '=', programId).executeTakeFirstOrThrow();
    expect(publication.status).toBe('final');
    const listed = await store.db.selectFrom('publication_entries').selectAll().where('publication_id', '=', publication.id).orderBy('position').execute();
    const ranked = (await listCandidates(store.db, cycleId)).filter((c) => c.rank !== null && c.rank <= 10);
    expect(listed.map((e) => [e.holder_uscc, e.rank, Number(e.score)])).toEqual(ranked.map((c) => [c.uscc, c.rank, c.score]));
    const decisions = await store.db.selectFrom('round_advancements').select(['reason']).where('round_id', '=', rounds[0]!.id).execute();
    expect(new Set(decisions.map((d) => d.reason))).toEqual(new Set(['within_quota', 'below_cutoff']));
    expect((await findCycle(store.db, cycleId)).status).toBe('published');
  });

  it('exports the program; recompute finds 0 differences, then names the entry whose indicator value changed', async () => {
    const out = join(dir, `index-${database.name}.json`);
    const exported = keping(['program', 'export', String(programId), '--out', out]);
    expect(exported.code, exported.err).toBe(0);
    const same = keping(['program', 'recompute', out, '--json']);
    expect(same.code, same.err).toBe(0);
    expect(JSON.parse(same.out)).toMatchObject({ identical: true, rounds: [{ kind: 'index', checked: 25, differences: [] }], publication: [] });

    const bundle = JSON.parse(readFileSync(out, 'utf8')) as ProgramBundle;
    const round = bundle.rounds[0]!;
    if (round.kind !== 'index') throw new Error('kind');
    const last = round.entries.filter((e) => e.rank !== null).sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0))[0]!;
    last.values = { ...last.values, rd: 10_000 }; // the last-ranked entry's R&D raised far above everyone's
    writeFileSync(out, JSON.stringify(bundle));
    const differs = keping(['program', 'recompute', out, '--json']);
    expect(differs.code).toBe(1);
    const report = JSON.parse(differs.out) as { identical: boolean; rounds: { differences: { applicationId: number | null; what: string }[] }[] };
    expect(report.identical).toBe(false);
    const mine = report.rounds[0]!.differences.filter((d) => d.applicationId === last.applicationId).map((d) => d.what);
    expect(mine).toEqual(['index.score', 'index.rank']);
  });

  it('a change of the round\'s config on the program page makes a computed ranking stale', async () => {
    const other = await createCycle(store, ctx, { name: '2026 指数', year: 2026, topN: 5, seed: 'seed-2', spec: SPEC });
    await addListToPool(store, ctx, other.id, 'major_project', orgs.slice(0, 12).map((o) => o.uscc));
    await setIndicatorValues(store, ctx, other.id, new Map(orgs.map((o, i) => [o.uscc, { rd: i, patents: 30 - i, revenue: i * i, growth: i % 3 }])));
    await enqueueJob(store.db, ctx, computeIndexJob, { cycleId: other.id });
    await runPendingJobs(store, JOBS, ctx);
    expect((await findCycle(store.db, other.id)).status).toBe('computed');
    const p = await findProgram(store.db, other.programId!, ctx.now());
    const input: ProgramInput = {
      type: p.type, ownerOffice: p.ownerOffice, cycleYear: p.cycleYear, title: p.title, status: p.status, announcement: p.announcement,
      call: { opensAt: p.call.opensAtShanghai, closesAt: p.call.closesAtShanghai, allowedKinds: p.call.allowedKinds, ruleSetId: p.call.ruleSetId, fields: p.call.fields, attachments: p.call.attachments },
      rounds: p.rounds.map((r) => ({ key: r.key, kind: r.kind, name: r.name, config: { ...r.config, topN: 6 } })),
      categories: p.categories, outcomes: p.outcomes,
    };
    await updateProgram(store, ctx, p.id, input);
    expect(await findCycle(store.db, other.id)).toMatchObject({ status: 'stale', topN: 6 });
  });

  it('migration 0011 moves a cycle kept in the old tables into a program with the same ranks', async () => {
    const bundle = await exportProgram(store, ctx, programId);
    expect(bundle.rounds[0]?.kind).toBe('index');
    // A published cycle as migration 0010 left it: no round, candidates without entries, the frozen list in its own JSON.
    const candidates = await listCandidates(store.db, cycleId);
    const frozen = (await findCycle(store.db, cycleId)).publication as { entries: { uscc: string; rank: number; score: number }[] };
    const { old, moved } = await outsideAudit('test: a cycle as migration 0010 left it, then migration 0011', async () => {
      const old = await store.db.insertInto('index_cycles').values({
        name: '2024年 旧榜单', year: 2024, top_n: 10, spec: JSON.stringify(SPEC), seed: 'old', status: 'published', computation: JSON.stringify({ inputsHash: 'a'.repeat(64) }),
        publication: JSON.stringify({ ...frozen, inputsHash: 'a'.repeat(64) }), is_demo: 0, created_at: '2025-03-01T00:00:00.000Z',
        computed_at: '2025-03-02T00:00:00.000Z', published_at: '2025-03-03T00:00:00.000Z', round_id: null,
      }).returning('id').executeTakeFirstOrThrow();
      for (const c of candidates) {
        await store.db.insertInto('index_candidates').values({
          cycle_id: old.id, application_id: null, uscc: c.uscc, name: c.name, sources: JSON.stringify(c.sources), data: JSON.stringify(c.data),
          excluded: c.excluded ? 1 : 0, exclusion_reason: c.exclusionReason, score: c.score, rank: c.rank, rank_median: null, rank_p05: null, rank_p95: null, group_scores: null,
        }).execute();
      }
      return { old, moved: await moveIndexCycles(store.db) };
    });
    expect([...moved.keys()]).toEqual([old.id]);
    const movedProgram = moved.get(old.id)!;
    const program = await store.db.selectFrom('programs').selectAll().where('id', '=', movedProgram).executeTakeFirstOrThrow();
    expect(program).toMatchObject({ type: 'index', cycle_year: 2024, title_zh: '2024年 旧榜单', announcement: 0 });
    const cycle = await findCycle(store.db, old.id);
    expect(cycle).toMatchObject({ programId: movedProgram, status: 'published', name: '2024年 旧榜单', topN: 10 });
    const list = cycle.publication as { entries: { uscc: string; rank: number; score: number }[]; evaluated: number };
    expect(list.entries.map((e) => [e.uscc, e.rank, e.score])).toEqual(frozen.entries.map((e) => [e.uscc, e.rank, e.score]));
    expect((await listCandidates(store.db, old.id)).every((c) => c.sources.length > 0)).toBe(true);
    // The moved program's record recomputes identically: its decisions, the published list, and the index from the stored values.
    const report = recomputeProgram(await exportProgram(store, ctx, movedProgram));
    expect(report).toMatchObject({ identical: true, publication: [] });
    expect(await moveIndexCycles(store.db)).toEqual(new Map()); // moved once
  });
});
