/**
 * TOP100 cycles (榜单周期): each is an index program's round — created with a versioned spec,
 * candidates excluded only with a recorded reason, published by closing the round and writing the
 * program's publication. Every change is audited.
 */
import { createHash } from 'node:crypto';
import {
  type IndexCycle, type IndexPublication, type IndexRoundSpec, indexRound, indexRoundConfigSchema, indexRoundSpecSchema, KepingError,
} from '@keping/core';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../audit/audit.repository.js';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import { lockRow } from '../../db/locks.repository.js';
import type { Database } from '../../db/schema.js';
import { findProgram } from '../../programs/program.repository.js';
import { insertRounds, programColumns, programSnapshot } from '../../programs/program.service.js';
import { publishFinal } from '../../publication/publication.service.js';
import { closeAndDecide } from '../round-entries.js';
import { findRound, setRoundConfig } from '../round.repository.js';
import { cycleIdOfRound, findCandidate, insertCycleRow, markStale, updateCandidate, updateCycleRow } from './cycle.repository.js';
import { findCycle, listCandidates } from './cycles.js';
import { type IndexProgramFields, indexProgramInput } from './index-program.js';
import { insertProgramRow, openRoundsOf, roundWithProgram, updateProgramRow } from './pool.repository.js';
import { indexPublicationOf } from './published-list.js';

export interface NewCycle {
  name: string;
  /** The program's English title; the Chinese name when absent. */
  nameEn?: string | undefined;
  year: number;
  topN: number;
  seed: string;
  spec: unknown;
}

export function parseSpec(raw: unknown): IndexRoundSpec {
  const parsed = indexRoundSpecSchema.safeParse(raw);
  if (!parsed.success) {
    throw KepingError.fromFieldErrors(parsed.error.issues.map((i) => ({
      code: 'SPEC_INVALID', field: ['spec', ...i.path.map(String)].join('.'), params: { detail: `${i.path.join('.')}: ${i.message}` },
    })));
  }
  return parsed.data;
}

function fieldsOf(input: NewCycle): IndexProgramFields {
  const spec = parseSpec(input.spec);
  const name = input.name.trim();
  if (!name) throw KepingError.fromFieldErrors([{ code: 'REQUIRED', field: 'name' }]);
  return { title: { zh: name, en: input.nameEn?.trim() || name }, year: input.year, topN: input.topN, seed: input.seed, spec };
}

/** The state row of an index round, beside its program and round (created with them, or later for a round made on the program page). */
function insertCycle(trx: Kysely<Database>, fields: IndexProgramFields, roundId: number, at: string, isDemo: boolean): Promise<number> {
  return insertCycleRow(trx, {
    name: fields.title.zh, year: fields.year, top_n: fields.topN, spec: JSON.stringify(fields.spec), seed: fields.seed, status: 'draft',
    computation: null, publication: null, is_demo: isDemo ? 1 : 0, created_at: at, computed_at: null, published_at: null, round_id: roundId,
  });
}

/** A new cycle: an index program with its one index round (open), and the round's state row. */
export async function createCycle(store: Store, ctx: RequestContext, input: NewCycle, options: { isDemo?: boolean } = {}): Promise<IndexCycle> {
  const fields = fieldsOf(input);
  const programInput = indexProgramInput(fields, ctx.now());
  const columns = programColumns(programInput);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const at = ctx.now().toISOString();
    const program = { id: await insertProgramRow(trx, { ...columns, copied_from: null, created_at: at, updated_at: at }) };
    await insertRounds(trx, program.id, programInput.rounds);
    const roundId = await openRoundsOf(trx, program.id);
    const id = await insertCycle(trx, fields, roundId, at, options.isDemo === true);
    await audit({
      action: 'program.create', subjectType: 'program', subjectId: String(program.id), after: programSnapshot(await findProgram(trx, program.id, ctx.now())),
    });
    await audit({ action: 'index.cycle.create', subjectType: 'index_cycle', subjectId: String(id), after: { ...input, programId: program.id } });
    return findCycle(trx, id);
  });
}

/** The cycle of an index round made on the program page: found, or created from the round's config. */
export async function cycleOfRound(store: Store, ctx: RequestContext, roundId: number): Promise<IndexCycle> {
  const existing = await cycleIdOfRound(store.db, roundId);
  if (existing !== undefined) return findCycle(store.db, existing);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const round = await roundWithProgram(trx, roundId);
    if (!round || round.kind !== 'index') throw new KepingError('NOT_FOUND', { status: 404 });
    const config = indexRoundConfigSchema.parse(JSON.parse(round.config));
    if (!config.spec) throw KepingError.fromFieldErrors([{ code: 'REQUIRED', field: 'config.spec' }], 409);
    const fields: IndexProgramFields = { title: { zh: round.title_zh, en: round.title_en }, year: round.cycle_year, topN: config.topN, seed: config.seed, spec: config.spec };
    const id = await insertCycle(trx, fields, roundId, ctx.now().toISOString(), false);
    await audit({ action: 'index.cycle.create', subjectType: 'index_cycle', subjectId: String(id), after: { roundId } });
    return findCycle(trx, id);
  });
}

/**
 * Edits a cycle before it is published: its program's title, and the round's list size, seed and
 * indicator system with its methods. The audit trail keeps every version (before and after); a
 * computed ranking becomes stale.
 */
export async function updateCycle(store: Store, ctx: RequestContext, cycleId: number, input: NewCycle): Promise<IndexCycle> {
  const fields = fieldsOf(input);
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    await lockRow(m, 'index_cycles', cycleId); // edits and the publication take turns
    const before = await findCycle(trx, cycleId);
    if (before.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
    if (input.year !== before.year) throw KepingError.fromFieldErrors([{ code: 'CYCLE_YEAR_FIXED', field: 'year', params: { year: before.year } }]);
    const config = { topN: fields.topN, seed: fields.seed, spec: fields.spec };
    const checked = indexRound.checkConfig(config); // the kind's own check, as a program save runs it
    if (checked.errors.length > 0) throw KepingError.fromFieldErrors(checked.errors);
    if (before.roundId !== null && before.programId !== null) {
      await setRoundConfig(trx, before.roundId, JSON.stringify(config));
      await updateProgramRow(trx, before.programId, { title_zh: fields.title.zh, title_en: fields.title.en, updated_at: ctx.now().toISOString() });
    }
    await updateCycleRow(trx, cycleId, { name: fields.title.zh, top_n: fields.topN, seed: fields.seed, spec: JSON.stringify(fields.spec) });
    await markStale(trx, cycleId);
    const after = await findCycle(trx, cycleId);
    await audit({
      action: 'index.cycle.update', subjectType: 'index_cycle', subjectId: String(cycleId),
      before: { name: before.name, topN: before.topN, seed: before.seed, spec: before.spec },
      after: { name: after.name, topN: after.topN, seed: after.seed, spec: after.spec },
    });
    return after;
  });
}

/** Exclusion needs a reason, recorded in the audit trail; the ranking must then be recomputed. */
export async function setExcluded(
  store: Store, ctx: RequestContext, cycleId: number, uscc: string, excluded: boolean, reason: string,
): Promise<void> {
  if (excluded && reason.trim().length < 4) {
    throw KepingError.fromFieldErrors([{ code: 'REASON_REQUIRED', field: 'reason', params: { min: 4 } }]);
  }
  await mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    await lockRow(m, 'index_cycles', cycleId); // edits and the publication take turns
    const cycle = await findCycle(trx, cycleId);
    if (cycle.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
    const current = await findCandidate(trx, cycleId, uscc);
    if (!current) throw new KepingError('NOT_FOUND', { status: 404 });
    await updateCandidate(trx, cycleId, uscc, { excluded: excluded ? 1 : 0, exclusion_reason: excluded ? reason.trim() : null });
    await audit({
      action: excluded ? 'index.candidate.exclude' : 'index.candidate.include', subjectType: 'index_cycle', subjectId: String(cycleId),
      before: { uscc, excluded: current.excluded === 1, reason: current.exclusion_reason }, after: { uscc, excluded, reason: excluded ? reason.trim() : null },
    });
    await markStale(trx, cycleId);
  });
}

export async function inputsHash(db: Kysely<Database>, cycle: IndexCycle): Promise<string> {
  const candidates = await listCandidates(db, cycle.id);
  const inputs = candidates.map((c) => [c.uscc, c.data, c.excluded]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return createHash('sha256').update(canonicalJson({ spec: cycle.spec, seed: cycle.seed, inputs })).digest('hex');
}

/**
 * Publishes the list (发布): the index round closes — its kind decides every entry from the stored
 * ranks (top N, every entry tied at the cutoff admitted) and the decisions are recorded — and the
 * program's publication is written from them, final at once (the TOP100 has no announcement period).
 */
export async function publishCycle(store: Store, ctx: RequestContext, cycleId: number): Promise<IndexPublication> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    await lockRow(m, 'index_cycles', cycleId); // edits and the publication take turns
    const cycle = await findCycle(trx, cycleId);
    if (cycle.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
    if (cycle.status !== 'computed') throw new KepingError('CYCLE_NOT_COMPUTED', { params: { status: cycle.status }, status: 409 });
    if (cycle.roundId === null || cycle.programId === null) throw new KepingError('NOT_FOUND', { status: 404 });
    const at = ctx.now().toISOString();
    const round = await findRound(trx, cycle.roundId);
    if (!round) throw new KepingError('NOT_FOUND', { status: 404 });
    const decisions = await closeAndDecide(trx, round, at);
    await publishFinal({ trx, ctx, audit }, cycle.programId);
    await updateProgramRow(trx, cycle.programId, { status: 'published', updated_at: at });
    const publication = await indexPublicationOf(trx, cycle);
    if (!publication) throw new KepingError('NOT_FOUND', { status: 404 });
    await audit({
      action: 'index.cycle.publish', subjectType: 'index_cycle', subjectId: String(cycleId),
      after: {
        programId: cycle.programId, roundId: cycle.roundId, publicationId: publication.publicationId, entries: publication.entries.length,
        advanced: decisions.filter((d) => d.advanced).length, inputsHash: publication.inputsHash, breakdown: publication.breakdown,
      },
    });
    return publication;
  });
}
