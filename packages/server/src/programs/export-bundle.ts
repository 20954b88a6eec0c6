/**
 * `keping program export ID`: the program's record bundle (core programs/bundle.ts), read in one
 * transaction so that it is a consistent snapshot even while the office works. Each round's record
 * comes from its kind (rounds/registry.ts).
 */
import {
  BUNDLE_FORMAT, BUNDLE_VERSION, type BundleRound, type FactsSnapshot, factValues, KepingError, type ProgramBundle, shanghaiDay,
} from '@keping/core';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { publishedRanks } from '../publication/publication.repository.js';
import { serverRoundKind } from '../rounds/registry.js';
import { decisionsOf } from '../rounds/round-entries.js';
import { applicationsOfProgram } from './application.repository.js';
import { registryFacts } from './eligibility.service.js';
import { findProgramRow, readConsistently, roundsOf } from './program.repository.js';

export async function exportProgram(store: Store, ctx: RequestContext, programId: number): Promise<ProgramBundle> {
  return readConsistently(store.db, async (trx) => {
    const program = await findProgramRow(trx, programId);
    if (!program) throw new KepingError('NOT_FOUND', { field: 'programId', params: { id: programId }, status: 404 });
    const apps = await applicationsOfProgram(trx, programId);
    const facts: ProgramBundle['facts'] = {};
    const asOf = shanghaiDay(program.closes_at);
    // The facts screening read: those frozen on a submitted application, the registry's for the rest.
    for (const a of apps) {
      if (a.facts_snapshot !== null && (a.status === 'submitted' || !(a.uscc in facts))) {
        facts[a.uscc] = factValues((JSON.parse(a.facts_snapshot) as FactsSnapshot).facts);
      }
    }
    for (const uscc of new Set(apps.map((a) => a.uscc))) facts[uscc] ??= factValues(await registryFacts(trx, uscc, asOf));
    const rounds: BundleRound[] = [];
    const roundRows = await roundsOf(trx, programId);
    for (const r of roundRows) rounds.push(await serverRoundKind(r.kind).bundleRound(trx, r, program));
    return {
      format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: ctx.now().toISOString(),
      program: {
        id: program.id, title: { zh: program.title_zh, en: program.title_en }, type: program.type, cycleYear: program.cycle_year,
        ruleSetId: program.rule_set_id, closesAt: program.closes_at,
      },
      applications: apps.map((a) => ({ id: a.id, uscc: a.uscc, category: a.category, title: a.title, status: a.status, submittedAt: a.submitted_at })),
      facts, rounds,
      decisions: await decisionsOf(trx, roundRows.map((r) => r.id)),
      published: await publishedRanks(trx, programId),
    };
  });
}
