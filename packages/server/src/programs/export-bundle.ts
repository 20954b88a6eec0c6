/**
 * `keping program export ID`: the program's record bundle (core programs/bundle.ts), read in one
 * transaction so that it is a consistent snapshot even while the office works.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION, KepingError, type BundleRound, type ProgramBundle } from '@keping/core';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { registryFacts } from './eligibility.service.js';
import { findProgramRow, roundsOf } from './program.repository.js';

export async function exportProgram(store: Store, ctx: RequestContext, programId: number): Promise<ProgramBundle> {
  return store.db.transaction().execute(async (trx) => {
    const program = await findProgramRow(trx, programId);
    if (!program) throw new KepingError('NOT_FOUND', { field: 'programId', params: { id: programId }, status: 404 });
    const apps = await trx.selectFrom('applications').selectAll().where('program_id', '=', programId).orderBy('id').execute();
    const facts: ProgramBundle['facts'] = {};
    for (const uscc of new Set(apps.map((a) => a.uscc))) facts[uscc] = await registryFacts(trx, uscc);
    const rounds: BundleRound[] = [];
    const roundRows = await roundsOf(trx, programId);
    for (const r of roundRows) {
      if (r.kind === 'screening') {
        const results = await trx.selectFrom('screening_results').selectAll().where('round_id', '=', r.id).orderBy('application_id').execute();
        rounds.push({
          kind: 'screening', roundId: r.id, key: r.key, status: r.status,
          results: results.map((x) => ({ applicationId: x.application_id, verdict: x.verdict, outcome: x.outcome, reasonCode: x.reason_code, note: x.note, decidedAt: x.decided_at })),
        });
      } else {
        rounds.push({ kind: r.kind as 'scoring' | 'panel' | 'index', roundId: r.id, key: r.key, status: r.status, data: { config: JSON.parse(r.config) as unknown } });
      }
    }
    const advancements = roundRows.length === 0 ? [] : await trx.selectFrom('round_advancements').selectAll()
      .where('round_id', 'in', roundRows.map((r) => r.id)).orderBy('round_id').orderBy('application_id').execute();
    return {
      format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: ctx.now().toISOString(),
      program: {
        id: program.id, title: { zh: program.title_zh, en: program.title_en }, type: program.type, cycleYear: program.cycle_year,
        ruleSetId: program.rule_set_id, closesAt: program.closes_at,
      },
      applications: apps.map((a) => ({ id: a.id, uscc: a.uscc, category: a.category, title: a.title, status: a.status, submittedAt: a.submitted_at })),
      facts, rounds,
      advancements: advancements.map((a) => ({ roundId: a.round_id, applicationId: a.application_id, advanced: a.advanced === 1 })),
    };
  });
}
