/**
 * The demo TOP100 cycle: designations (imported with their source), a pool of 1,993 candidates from the five source kinds,
 * 30 indicators in 5 pillars; computed by the engine and published like any real cycle.
 */
import { DEMO_PILLARS, syntheticTop100, type IndustryGroup, type ListingStatus } from '@keping/core';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { importDesignationRows } from '../designations/designation-import.service.js';
import { computeIndexJob } from '../rounds/index/compute.job.js';
import { createCycle, publishCycle } from '../rounds/index/cycle.service.js';
import { listCandidates } from '../rounds/index/cycles.js';
import { setIndicatorValues } from '../rounds/index/data.service.js';
import { addListToPool, addRegistrySource } from '../rounds/index/pool.service.js';
import type { IndexRoundSpec } from '@keping/core';
import { JOBS } from '../jobs/registry.js';
import { enqueueJob, runPendingJobs } from '../jobs/job.service.js';
import { decodeSet } from '../registry/organisation.repository.js';
import { demoOrganisations } from './demo.repository.js';

export const DEMO_POOL_SIZE = 1993;
const DEMO_SOURCE = '演示数据（合成）/synthetic demo data';

export function demoSpec(): IndexRoundSpec {
  return {
    system: {
      id: 'index', name: { zh: '硬核科技企业创新指数', en: 'Hardcore-tech enterprise innovation index' },
      children: DEMO_PILLARS.map((p) => ({
        id: p.id, name: { zh: p.zh, en: p.en }, weight: p.weight,
        children: p.indicators.map((i) => ({ id: i.id, name: { zh: i.zh, en: i.en }, unit: i.unit, direction: i.direction, weight: 1, source: '企业填报', year: 2024 })),
      })),
    },
    normalisation: { method: 'minmax', range: [0, 100] },
    aggregation: 'arithmetic',
    imputation: 'none',
    outliers: true,
    minCoverage: 0.6,
    uncertainty: { replicates: 200, weightPerturbation: 0.2 },
  };
}

export async function seedTop100Demo(store: Store, ctx: RequestContext, year: number): Promise<{ cycleId: number; programId: number; candidates: number }> {
  const rows = await demoOrganisations(store.db, { kind: 'enterprise' });
  const enterprises = rows.map((r) => ({ uscc: r.uscc, groups: decodeSet<IndustryGroup>(r.groups), listing: r.listing as ListingStatus | null, established: r.established }));
  const demo = syntheticTop100(enterprises, { seed: `top100-${year}`, year, poolSize: DEMO_POOL_SIZE });
  // Tech-centre designations, as an office records titles granted elsewhere: through the import, with their source.
  const imported = await importDesignationRows(store, ctx, demo.designations.map((d, i) => ({
    row: i + 2, uscc: d.uscc, title: 'tech_center' as const, tier: d.tier, grantedOn: `${d.grantedYear}-01-01`, source: DEMO_SOURCE,
  })), { fileName: 'demo', isDemo: true });
  if (!imported.imported) throw new Error(`demo designations: ${imported.errors.map((e) => e.message).join('; ')}`);
  // The TOP100 as an index program: program and round, pool entries, indicator values, the compute job, publication.
  const cycle = await createCycle(store, ctx, {
    name: `${year}年上海硬核科技企业创新指数TOP100`, nameEn: `Shanghai hardcore-tech enterprise innovation index TOP100, ${year}`,
    year, topN: 100, seed: `demo-${year}`, spec: demoSpec(),
  }, { isDemo: true });
  await addRegistrySource(store, ctx, cycle.id, 'tech_center');
  await addRegistrySource(store, ctx, cycle.id, 'listed');
  for (const [source, list] of Object.entries(demo.lists) as [keyof typeof demo.lists, string[]][]) {
    await addListToPool(store, ctx, cycle.id, source, list);
  }
  const pool = (await listCandidates(store.db, cycle.id)).map((c) => c.uscc);
  await setIndicatorValues(store, ctx, cycle.id, new Map(pool.map((uscc) => [uscc, demo.data.get(uscc) ?? {}])));
  await enqueueJob(store.db, ctx, computeIndexJob, { cycleId: cycle.id });
  await runPendingJobs(store, JOBS, ctx);
  await publishCycle(store, ctx, cycle.id);
  return { cycleId: cycle.id, programId: cycle.programId ?? 0, candidates: pool.length };
}
