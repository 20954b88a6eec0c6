/**
 * The background computation of a cycle's ranking (计算): the candidates' stored data and the
 * cycle's spec and seed go to the index engine in core; scores, ranks and rank bands come back.
 * Recomputing from the same stored inputs gives the same ranks.
 */
import { computeIndexRound, type IndexComputeSummary, KepingError, rankSensitivity, statisticalCoherence } from '@keping/core';
import { appendAudit } from '../../audit/audit.repository.js';
import type { Store } from '../../db/database.js';
import type { JobRun } from '../../jobs/job.service.js';
import { findCycle, listCandidates } from './cycles.js';
import { inputsHash, parseSpec } from './cycle.service.js';
import { rankBands } from './uncertainty.js';

export const COMPUTE_JOB = 'index.compute';

export async function computeCycle(store: Store, input: unknown, run: JobRun): Promise<IndexComputeSummary> {
  const cycleId = Number((input as { cycleId?: unknown }).cycleId);
  const cycle = await findCycle(store.db, cycleId);
  if (cycle.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
  const spec = parseSpec(cycle.spec);
  const candidates = (await listCandidates(store.db, cycleId)).filter((c) => !c.excluded);
  // The same pure function the bundle's recompute runs (core: computeIndexRound); units in its order.
  const computed = computeIndexRound(spec, candidates.map((c) => ({ key: c.uscc, values: c.data })));
  if (!computed.ok) throw KepingError.fromFieldErrors(computed.errors);
  const { keys, matrix, config, result } = computed.computation;
  await run.progress(0.1);
  const bands = rankBands(matrix, config, spec.uncertainty, cycle.seed);
  await run.progress(0.6);
  const sensitivity = spec.uncertainty.replicates > 0 && spec.uncertainty.weightPerturbation > 0
    ? rankSensitivity(matrix, config, {
      samples: 64, seed: cycle.seed, weightPerturbation: spec.uncertainty.weightPerturbation,
      ...(spec.uncertainty.normalisations ? { normalisations: spec.uncertainty.normalisations } : {}),
      ...(spec.uncertainty.aggregations ? { aggregations: spec.uncertainty.aggregations } : {}),
    })
    : undefined;
  const coherence = statisticalCoherence(matrix, config);
  await run.progress(0.9);
  const pillars = result.nodes.filter((n) => n.depth === 1);

  const hash = await inputsHash(store.db, cycle);
  const summary: IndexComputeSummary = {
    ranked: result.order.length,
    notRanked: result.coverage.excluded.map((e) => ({ uscc: e.unit, coverage: e.coverage })),
    indicators: result.indicators.map((i) => ({ id: i.id, coverage: i.coverage, weight: i.weight })),
    inputsHash: hash,
    replicates: spec.uncertainty.replicates,
    sensitivity: sensitivity?.ok ? sensitivity.result : null,
    coherence: coherence.ok ? coherence.report : null,
  };
  await store.db.transaction().execute(async (trx) => {
    await trx.updateTable('index_candidates').set({
      score: null, rank: null, rank_median: null, rank_p05: null, rank_p95: null, group_scores: null,
    }).where('cycle_id', '=', cycleId).execute();
    for (let u = 0; u < keys.length; u++) {
      const rank = result.ranks[u] ?? 0;
      if (rank === 0) continue;
      const band = bands?.[u];
      await trx.updateTable('index_candidates').set({
        score: result.scores[u] ?? null, rank,
        rank_median: band?.median ?? null, rank_p05: band?.p05 ?? null, rank_p95: band?.p95 ?? null,
        group_scores: JSON.stringify(Object.fromEntries(pillars.map((p) => [p.id, Number.isFinite(p.scores[u]) ? p.scores[u] : null]))),
      }).where('cycle_id', '=', cycleId).where('uscc', '=', keys[u] ?? '').execute();
    }
    await trx.updateTable('index_cycles').set({
      status: 'computed', computation: JSON.stringify(summary), computed_at: run.ctx.now().toISOString(),
    }).where('id', '=', cycleId).execute();
    await appendAudit(trx, store.dialect, run.ctx, {
      action: 'index.cycle.compute', subjectType: 'index_cycle', subjectId: String(cycleId),
      after: { ranked: summary.ranked, inputsHash: hash, seed: cycle.seed, replicates: summary.replicates },
    });
  });
  await run.progress(1);
  return summary;
}
