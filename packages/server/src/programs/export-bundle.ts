/**
 * `keping program export ID`: the program's record bundle (core programs/bundle.ts), read in one
 * transaction so that it is a consistent snapshot even while the office works.
 */
import {
  BUNDLE_FORMAT, BUNDLE_VERSION, type BundlePanel, type BundleRound, type BundleScoring, KepingError, type ProgramBundle, type ProgramCategory, shanghaiDay,
} from '@keping/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { marksOf, membersOf, panelConfigOf, recusalsOf } from '../rounds/panel/panel.repository.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { registryFacts } from './eligibility.service.js';
import { findProgramRow, type ProgramRow, type RoundRow, roundsOf } from './program.repository.js';

/** Seats per category for a round: the program's categories' quotas under the round's key. */
function quotasOf(program: ProgramRow, round: RoundRow): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of JSON.parse(program.categories) as ProgramCategory[]) {
    const q = c.quotas[round.key];
    if (q !== undefined) out[c.key] = q;
  }
  return out;
}

async function scoringRound(db: Kysely<Database>, r: RoundRow): Promise<BundleScoring> {
  const program = (await findProgramRow(db, r.program_id))!;
  const config = JSON.parse(r.config) as { quotas?: Record<string, number> };
  const assignments = await db.selectFrom('scoring_assignments').select(['id', 'application_id', 'expert_id', 'status'])
    .where('round_id', '=', r.id).orderBy('id').execute();
  const sheets = await db.selectFrom('scoring_scores').select(['assignment_id', 'status', 'scores']).where('round_id', '=', r.id).orderBy('assignment_id').execute();
  const state = await db.selectFrom('scoring_rounds').selectAll().where('round_id', '=', r.id).executeTakeFirst();
  const run = state?.assignment ? (JSON.parse(state.assignment) as { conflicts: { applicationId: number; expertId: number }[] }) : null;
  const decision = state?.decision ? (JSON.parse(state.decision) as { selected: number[]; proposed: number[]; overrideReason: string | null }) : null;
  return {
    kind: 'scoring', roundId: r.id, key: r.key, status: r.status, config: JSON.parse(r.config) as unknown,
    quotas: config.quotas ?? quotasOf(program, r),
    assignments: assignments.map((a) => ({ id: a.id, applicationId: a.application_id, expertId: a.expert_id, status: a.status })),
    sheets: sheets.map((x) => ({ assignmentId: x.assignment_id, status: x.status, scores: JSON.parse(x.scores) as Record<string, number> })),
    excluded: (run?.conflicts ?? []).map((c) => ({ applicationId: c.applicationId, expertId: c.expertId })),
    decision: decision ? { selected: decision.selected, proposed: decision.proposed, overrideReason: decision.overrideReason } : null,
  };
}

async function panelRound(db: Kysely<Database>, r: RoundRow): Promise<BundlePanel> {
  const program = (await findProgramRow(db, r.program_id))!;
  const quotas = quotasOf(program, r);
  const panels = await db.selectFrom('panels').selectAll().where('round_id', '=', r.id).orderBy('category').execute();
  const out: BundlePanel['panels'] = [];
  for (const p of panels) {
    const results = p.status === 'signed_off'
      ? (await db.selectFrom('panel_results').select(['application_id', 'selected']).where('panel_id', '=', p.id).execute())
      : null;
    out.push({
      id: p.id, category: p.category, quota: quotas[p.category] ?? null, members: await membersOf(db, p.id),
      marks: (await marksOf(db, p.id)).map((m) => ({ applicationId: m.applicationId, expertId: m.expertId, score: m.score, vote: m.vote })),
      recused: (await recusalsOf(db, p.id)).map((r) => ({ applicationId: r.applicationId, expertId: r.expertId })),
      selected: results ? results.filter((x) => x.selected === 1).map((x) => x.application_id).sort((a, b) => a - b) : null,
    });
  }
  return { kind: 'panel', roundId: r.id, key: r.key, status: r.status, mode: panelConfigOf(r).mode, panels: out };
}

export async function exportProgram(store: Store, ctx: RequestContext, programId: number): Promise<ProgramBundle> {
  return store.db.transaction().execute(async (trx) => {
    const program = await findProgramRow(trx, programId);
    if (!program) throw new KepingError('NOT_FOUND', { field: 'programId', params: { id: programId }, status: 404 });
    const apps = await trx.selectFrom('applications').selectAll().where('program_id', '=', programId).orderBy('id').execute();
    const facts: ProgramBundle['facts'] = {};
    const asOf = shanghaiDay(program.closes_at);
    for (const uscc of new Set(apps.map((a) => a.uscc))) facts[uscc] = await registryFacts(trx, uscc, asOf);
    const rounds: BundleRound[] = [];
    const roundRows = await roundsOf(trx, programId);
    for (const r of roundRows) {
      if (r.kind === 'screening') {
        const results = await trx.selectFrom('screening_results').selectAll().where('round_id', '=', r.id).orderBy('application_id').execute();
        rounds.push({
          kind: 'screening', roundId: r.id, key: r.key, status: r.status,
          results: results.map((x) => ({ applicationId: x.application_id, verdict: x.verdict, outcome: x.outcome, reasonCode: x.reason_code, note: x.note, decidedAt: x.decided_at })),
        });
      } else if (r.kind === 'scoring') {
        rounds.push(await scoringRound(trx, r));
      } else if (r.kind === 'panel') {
        rounds.push(await panelRound(trx, r));
      } else {
        rounds.push({ kind: 'index', roundId: r.id, key: r.key, status: r.status });
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
