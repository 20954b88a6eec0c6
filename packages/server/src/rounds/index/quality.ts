/** The data-quality report (数据质量) of a cycle: coverage per indicator and per candidate. */
import type { IndexQualityReport } from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { findCycle, listCandidates } from './cycles.js';
import { parseSpec } from './cycle.service.js';
import { indicatorsOf } from '@keping/core';

export async function qualityReport(db: Kysely<Database>, cycleId: number): Promise<IndexQualityReport> {
  const cycle = await findCycle(db, cycleId);
  const spec = parseSpec(cycle.spec);
  const ids = indicatorsOf(spec).map((i) => i.id);
  const candidates = (await listCandidates(db, cycleId)).filter((c) => !c.excluded);
  const present = new Array<number>(ids.length).fill(0);
  const histogram = new Array<number>(10).fill(0);
  const belowMinimum: IndexQualityReport['belowMinimum'] = [];
  let withData = 0;
  for (const c of candidates) {
    let have = 0;
    ids.forEach((id, j) => {
      const v = c.data?.[id];
      if (typeof v === 'number' && Number.isFinite(v)) {
        present[j] = (present[j] ?? 0) + 1;
        have++;
      }
    });
    if (have > 0) withData++;
    const coverage = ids.length ? have / ids.length : 0;
    histogram[Math.min(9, Math.floor(coverage * 10))]!++;
    if (coverage < spec.minCoverage) belowMinimum.push({ uscc: c.uscc, name: c.name, coverage });
  }
  return {
    candidates: candidates.length, withData, minCoverage: spec.minCoverage,
    indicators: ids.map((id, j) => ({ id, present: present[j] ?? 0, coverage: candidates.length ? (present[j] ?? 0) / candidates.length : 0 })),
    belowMinimum, coverageHistogram: histogram,
  };
}
