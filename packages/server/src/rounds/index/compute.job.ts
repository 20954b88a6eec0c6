/**
 * The background computation of a cycle's ranking (计算): the candidates' stored data and the
 * cycle's spec and seed go to the index engine in core; scores, ranks and rank bands come back.
 * Recomputing from the same stored inputs gives the same ranks.
 */
import { computeIndexRound, type IndexComputeSummary, KepingError, rankSensitivity, statisticalCoherence } from '@keping/core';
import { z } from 'zod';
import { mutate } from '../../audit/mutate.js';
import type { Store } from '../../db/database.js';
import { defineJob, type JobRun } from '../../jobs/define-job.js';
import { clearScores, markComputed, writeScore } from './computation.repository.js';
import { findCycle, listCandidates } from './cycles.js';
import { inputsHash, parseSpec } from './cycle.service.js';
import { rankBands } from './uncertainty.js';

export const computeIndexJob = defineJob({
  id: 'index.compute',
  version: 1,
  input: z.object({ cycleId: z.number().int().positive() }),
  handler: (store, { cycleId }, run) => computeCycle(store, cycleId, run),
});

async function computeCycle(store: Store, cycleId: number, run: JobRun): Promise<IndexComputeSummary> {
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
  await mutate(store, run.ctx, async ({ trx, audit }) => {
    await clearScores(trx, cycleId);
    for (let u = 0; u < keys.length; u++) {
      const rank = result.ranks[u] ?? 0;
      if (rank === 0) continue;
      await writeScore(trx, cycleId, {
        uscc: keys[u] ?? '', score: result.scores[u] ?? null, rank, band: bands?.[u],
        groupScores: Object.fromEntries(pillars.map((p) => [p.id, Number.isFinite(p.scores[u]) ? (p.scores[u] ?? null) : null])),
      });
    }
    await markComputed(trx, cycleId, summary, run.ctx.now().toISOString());
    await audit({
      action: 'index.cycle.compute', subjectType: 'index_cycle', subjectId: String(cycleId),
      after: { ranked: summary.ranked, inputsHash: hash, seed: cycle.seed, replicates: summary.replicates },
    });
  });
  await run.progress(1);
  return summary;
}
