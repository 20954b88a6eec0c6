/** The TOP100 workflow through the API: pool, data with per-cell errors, compute job, exclusion, publication, reproducibility. */
import { syntheticOrganisations } from '@keping/core';
import ExcelJS from '../src/files/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/context.js';
import { JOBS } from '../src/jobs/registry.js';
import { runPendingJobs } from '../src/jobs/job.service.js';
import { createOrganisation } from '../src/registry/organisation.service.js';
import { DATABASES } from './databases.js';
import { type Client, type Harness, startHarness } from './harness.js';

const ctx = systemContext('zh-CN', () => new Date('2026-11-25T02:00:00Z'));
const INDICATORS = ['rd', 'patents', 'revenue', 'growth'];
const SPEC = {
  system: {
    id: 'index', children: [
      { id: 'input', weight: 0.5, children: [{ id: 'rd', direction: 1, name: { zh: '研发经费', en: 'R&D' } }, { id: 'patents', direction: 1 }] },
      { id: 'result', weight: 0.5, children: [{ id: 'revenue', direction: 1 }, { id: 'growth', direction: -1 }] },
    ],
  },
  normalisation: { method: 'minmax', range: [0, 100] }, aggregation: 'arithmetic', imputation: 'none', outliers: false,
  minCoverage: 0.5, uncertainty: { replicates: 50, weightPerturbation: 0.2 },
};

function form(name: string, content: string | Buffer): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  return fd;
}

describe.each(DATABASES)('TOP100 workflow on $name', (database) => {
  let h: Harness;
  let admin: Client;
  let cycleId = 0;
  const orgs = syntheticOrganisations({ count: 30, seed: 'top100-test', untilYear: 2024 });
  beforeAll(async () => {
    h = await startHarness(database);
    admin = await h.login('admin');
    for (const o of orgs) await createOrganisation(h.store, ctx, o);
  });
  afterAll(async () => h.dispose());

  const compute = async () => {
    const job = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/compute` });
    expect(job.statusCode).toBe(202);
    await runPendingJobs(h.store, JOBS, ctx);
    return (await admin.request({ method: 'GET', url: `/api/jobs/${(job.json() as { id: number }).id}` })).json() as { status: string; progress: number };
  };
  const ranks = async () => ((await admin.request({ method: 'GET', url: `/api/index-cycles/${cycleId}/candidates` })).json() as {
    items: { uscc: string; rank: number | null; score: number | null; rankP05: number | null; rankP95: number | null; excluded: boolean }[];
  }).items;

  it('refuses an invalid spec, naming the path', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/index-cycles', payload: { name: 'x', year: 2025, topN: 10, seed: 's', spec: { ...SPEC, aggregation: 'median' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'SPEC_INVALID', field: 'spec.aggregation' } });
  });

  it('builds the pool from a file and the registry, merging sources by USCC', async () => {
    const created = await admin.request({ method: 'POST', url: '/api/index-cycles', payload: { name: '2025 TOP10', year: 2025, topN: 10, seed: 'seed-1', spec: SPEC } });
    expect(created.statusCode).toBe(201);
    cycleId = (created.json() as { id: number }).id;
    const list = ['uscc', ...orgs.slice(0, 25).map((o) => o.uscc)].join('\n');
    const bad = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/pool/import?source=major_project`, payload: form('l.csv', `${list}\n91310104MA1GT0002W\n`) });
    expect(bad.json()).toMatchObject({ imported: false, errors: [{ row: 27, field: 'uscc', code: 'ORGANISATION_UNKNOWN' }] });
    const ok = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/pool/import?source=major_project`, payload: form('l.csv', list) });
    expect(ok.json()).toMatchObject({ imported: true, added: 25, merged: 0 });
    const listed = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/pool/registry`, payload: { source: 'listed' } });
    const listedCount = orgs.filter((o) => o.listing !== 'unlisted').length;
    const listedInFile = orgs.slice(0, 25).filter((o) => o.listing !== 'unlisted').length;
    expect(listed.json()).toEqual({ added: listedCount - listedInFile, merged: listedInFile });
    const all = await ranks();
    expect(all.length).toBe(25 + listedCount - listedInFile);
  });

  it('imports indicator data with an error per bad cell, then the corrected file', async () => {
    const template = await admin.request({ method: 'GET', url: `/api/index-cycles/${cycleId}/template.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getRow(1).values).toEqual([undefined, 'uscc', 'name', ...INDICATORS]);
    const pool = (await ranks()).map((c) => c.uscc).sort();
    const rows = pool.map((u, i) => [u, String(100 + i * 7), String((i * 13) % 29), String(1000 + i * i), String(5 + (i % 4))]);
    const csv = (r: string[][]) => ['uscc,rd,patents,revenue,growth', ...r.map((x) => x.join(','))].join('\n');
    const broken = rows.map((r) => [...r]);
    broken[2]![1] = '一百';
    broken[4]![3] = '12abc';
    const preview = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/data/import?dryRun=true`, payload: form('d.csv', csv(broken)) });
    expect((preview.json() as { errors: { row: number; field: string; code: string }[] }).errors.map((e) => [e.row, e.field, e.code]))
      .toEqual([[4, 'rd', 'NOT_A_NUMBER'], [6, 'revenue', 'NOT_A_NUMBER']]);
    rows[0]![2] = '';
    rows[0]![3] = '';
    rows[0]![4] = ''; // one candidate with too little data to be ranked
    const done = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/data/import?dryRun=false`, payload: form('d.csv', csv(rows)) });
    expect(done.json()).toMatchObject({ imported: true, errors: [] });
    const quality = (await admin.request({ method: 'GET', url: `/api/index-cycles/${cycleId}/quality` })).json() as { belowMinimum: { uscc: string }[] };
    expect(quality.belowMinimum.map((b) => b.uscc)).toEqual([pool[0]]);
  });

  it('computes in a background job: ranks, bands, the thin candidate not ranked', async () => {
    expect(await compute()).toMatchObject({ status: 'done', progress: 1 });
    const cands = await ranks();
    const ranked = cands.filter((c) => c.rank !== null);
    expect(ranked.length).toBe(cands.length - 1);
    expect(ranked.map((c) => c.rank)).toEqual([...ranked.map((c) => c.rank)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(ranked[0]?.rank).toBe(1);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.score!).toBeLessThanOrEqual(ranked[i - 1]!.score!);
    // Monte Carlo rank bands (50 replicates, weights ±20%): present and ordered for every ranked candidate.
    for (const c of ranked) {
      expect(c.rankP05).not.toBeNull();
      expect(c.rankP05!).toBeLessThanOrEqual(c.rankP95!);
    }
    expect(ranked.some((c) => c.rankP95! > c.rankP05!)).toBe(true);
    const cycle = (await admin.request({ method: 'GET', url: `/api/index-cycles/${cycleId}` })).json() as {
      status: string; computation: { sensitivity: { inputs: { input: string; first: number; total: number }[] }; coherence: { indicators: { id: string }[] } };
    };
    expect(cycle.status).toBe('computed');
    expect(cycle.computation.sensitivity.inputs.map((i) => i.input)).toEqual(['weights']);
    expect(cycle.computation.coherence.indicators.map((i) => i.id)).toEqual(INDICATORS);
  });

  it('recomputing from the stored inputs, spec and seed gives identical ranks and scores', async () => {
    const before = await ranks();
    await compute();
    expect(await ranks()).toEqual(before);
  });

  it('edits the method before publication: the ranking goes stale, each version is audited, and going back restores the ranks', async () => {
    const before = await ranks();
    const put = (body: Record<string, unknown>) => admin.request({ method: 'PUT', url: `/api/index-cycles/${cycleId}`, payload: { name: '2025 TOP10', year: 2025, topN: 10, seed: 'seed-1', spec: SPEC, ...body } });
    expect((await put({ year: 2026 })).json()).toMatchObject({ error: { code: 'CYCLE_YEAR_FIXED', field: 'year' } });
    expect((await put({ spec: { ...SPEC, aggregation: 'median' } })).json()).toMatchObject({ error: { code: 'SPEC_INVALID', field: 'spec.aggregation' } });
    const copeland = await put({ spec: { ...SPEC, aggregation: 'copeland' } });
    expect(copeland.statusCode).toBe(200);
    expect(copeland.json()).toMatchObject({ status: 'stale', spec: { aggregation: 'copeland' } });
    await compute();
    const byCopeland = await ranks();
    expect(byCopeland.map((c) => c.rank)).not.toEqual(before.map((c) => c.rank));
    expect((await put({})).json()).toMatchObject({ status: 'stale' });
    await compute();
    expect(await ranks()).toEqual(before);
    const history = await admin.request({ method: 'GET', url: `/api/audit?subjectType=index_cycle&subjectId=${cycleId}&pageSize=50` });
    const updates = (history.json() as { items: { action: string; after: { spec: { aggregation: string } } }[] }).items.filter((e) => e.action === 'index.cycle.update');
    expect(updates.map((e) => e.after.spec.aggregation)).toEqual(['arithmetic', 'copeland']);
  });

  it('excludes only with a reason, marks the ranking stale, and publishes the recomputed top N with breakdowns', async () => {
    const first = (await ranks())[0]!;
    const noReason = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/candidates/${first.uscc}/exclusion`, payload: { excluded: true, reason: '' } });
    expect(noReason.json()).toMatchObject({ error: { code: 'REASON_REQUIRED', field: 'reason' } });
    await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/candidates/${first.uscc}/exclusion`, payload: { excluded: true, reason: '数据经核查存在重大差错' } });
    const stale = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/publish` });
    expect(stale.json()).toMatchObject({ error: { code: 'CYCLE_NOT_COMPUTED', params: { status: 'stale' } } });
    await compute();
    const after = await ranks();
    expect(after.find((c) => c.uscc === first.uscc)).toMatchObject({ excluded: true, rank: null });
    // 20 parallel publications: one publishes, the others are told it is published.
    const publishes = await Promise.all(Array.from({ length: 20 }, () => admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/publish` })));
    expect(publishes.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(publishes.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of publishes.filter((x) => x.statusCode !== 200)) expect([r.statusCode, (r.json() as { error: { code: string } }).error.code]).toEqual([409, 'CYCLE_PUBLISHED']);
    const published = publishes.find((r) => r.statusCode === 200)!;
    const pub = published.json() as { entries: { rank: number; uscc: string }[]; breakdown: { total: number }; evaluated: number; inputsHash: string };
    expect(pub.entries.length).toBeGreaterThanOrEqual(10);
    expect(pub.entries.map((e) => e.uscc)).not.toContain(first.uscc);
    expect(pub.breakdown.total).toBe(pub.entries.length);
    expect(pub.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    const history = await admin.request({ method: 'GET', url: `/api/audit?subjectType=index_cycle&subjectId=${cycleId}&pageSize=50` });
    const actions = (history.json() as { items: { action: string }[] }).items.map((e) => e.action);
    expect(actions).toContain('index.candidate.exclude');
    expect(actions[0]).toBe('index.cycle.publish');
    const again = await admin.request({ method: 'POST', url: `/api/index-cycles/${cycleId}/candidates/${first.uscc}/exclusion`, payload: { excluded: false, reason: '' } });
    expect(again.statusCode).toBe(409);
    const edit = await admin.request({ method: 'PUT', url: `/api/index-cycles/${cycleId}`, payload: { name: 'x', year: 2025, topN: 10, seed: 'seed-1', spec: SPEC } });
    expect(edit.json()).toMatchObject({ error: { code: 'CYCLE_PUBLISHED' } });
  });

  it('shows the published list publicly, as XLSX and as a PDF with an embedded CJK subset', async () => {
    const anon = await h.app.inject({ method: 'GET', url: `/api/public/index-cycles/${cycleId}` });
    expect(anon.statusCode).toBe(200);
    const xlsx = await h.app.inject({ method: 'GET', url: `/api/public/index-cycles/${cycleId}/list.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getRow(1).getCell(1).value).toBe('排名');
    const pdf = await h.app.inject({ method: 'GET', url: `/api/public/index-cycles/${cycleId}/list.pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdf.rawPayload.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/FontFile2/); // the font is embedded
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/); // as a subset (tag prefix)
    expect(pdf.rawPayload.length).toBeLessThan(400_000); // a subset, not the 10 MB font
    const none = await h.app.inject({ method: 'GET', url: '/api/public/index-cycles/999999' });
    expect(none.statusCode).toBe(404);
  });
});
