/**
 * Runs a Keping index spec through COINr: the translator (coinr-imeta.ts) writes COINr's iMeta and
 * options, bench/peers/coinr/run-spec.R builds the coin and runs Treat → Normalise → Aggregate.
 * Shared by the ASEM end-to-end fixture and the timings of `npm run bench -- coinr`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CoinrIMetaRow, type CoinrOptions, coinrFromSpec, iMetaCsv } from '../packages/core/src/index-engine/coinr-imeta.js';
import type { IndexSpec } from '../packages/core/src/index-engine/spec.js';

export const LIB = resolve('.tmp', 'coinr-lib');
export const RUN_SPEC = join('bench', 'peers', 'coinr', 'run-spec.R');

export interface CoinrRun {
  peer: string;
  units: string[];
  index: string;
  /** Treat + Normalise + Aggregate inside R (proc.time), reading and new_coin excluded. */
  seconds: number;
  seconds_new_coin: number;
  ranks: (number | null)[];
  /** The index score of every unit, input order. */
  scores: (number | null)[];
  /** Every data set COINr made (Raw, Treated, Normalised, Aggregated), column by column, with write 'all'. */
  dsets?: Record<string, Record<string, (number | null)[]>>;
  /** The whole Rscript process, wall clock. */
  processSeconds: number;
  iMeta: CoinrIMetaRow[];
  options: CoinrOptions;
}

/** Translates the spec, writes its iMeta and options under `dir`, runs COINr on `dataCsv` (first column the unit). */
export function runCoinr(spec: IndexSpec, dataCsv: string, dir: string, name: string, write: 'all' | 'ranks', timeoutMs?: number): CoinrRun {
  const t = coinrFromSpec(spec);
  if (!t.ok) throw new Error(`COINr cannot run this spec (${t.error.at}): ${t.error.message}`);
  const meta = join(dir, `${name}.imeta.csv`);
  const opts = join(dir, `${name}.options.json`);
  const out = join(dir, `${name}.coinr.json`);
  writeFileSync(meta, iMetaCsv(t.iMeta));
  writeFileSync(opts, JSON.stringify({ ...t.options, write }));
  const start = process.hrtime.bigint();
  const r = spawnSync('Rscript', [RUN_SPEC, LIB, dataCsv, meta, opts, out], { stdio: ['ignore', 'inherit', 'inherit'], ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  const processSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`Rscript ${RUN_SPEC} failed (exit ${r.status ?? r.signal})`);
  const run = JSON.parse(readFileSync(out, 'utf8')) as Omit<CoinrRun, 'processSeconds' | 'iMeta' | 'options'>;
  return { ...run, processSeconds, iMeta: t.iMeta, options: t.options };
}
