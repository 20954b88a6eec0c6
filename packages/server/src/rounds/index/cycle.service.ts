/**
 * TOP100 cycles (榜单周期): created with a versioned spec, candidates excluded only with a recorded
 * reason, published as a frozen list with its breakdowns. Every change is audited.
 */
import { createHash } from 'node:crypto';
import {
  breakdownOf, type IndexCycle, type IndexPublication, type IndexPublishedEntry, type IndustryGroup, KepingError, type ListingStatus,
} from '@keping/core';
import type { Kysely } from 'kysely';
import { appendAudit, canonicalJson } from '../../audit/audit.repository.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { decodeSet } from '../../registry/organisation.repository.js';
import { findCycle, listCandidates, toCycle } from './cycle.repository.js';
import { markStale } from './pool.service.js';
import { type IndexRoundSpec, indexRoundSpecSchema } from '@keping/core';

export interface NewCycle {
  name: string;
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

export async function createCycle(store: Store, ctx: RequestContext, input: NewCycle, options: { isDemo?: boolean } = {}): Promise<IndexCycle> {
  const spec = parseSpec(input.spec);
  if (!input.name.trim()) throw KepingError.fromFieldErrors([{ code: 'REQUIRED', field: 'name' }]);
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('index_cycles').values({
      name: input.name.trim(), year: input.year, top_n: input.topN, spec: JSON.stringify(spec), seed: input.seed, status: 'draft',
      computation: null, publication: null, is_demo: options.isDemo ? 1 : 0, created_at: ctx.now().toISOString(),
      computed_at: null, published_at: null,
    }).returningAll().executeTakeFirstOrThrow();
    const cycle = toCycle(row);
    await appendAudit(trx, store.dialect, ctx, { action: 'index.cycle.create', subjectType: 'index_cycle', subjectId: String(cycle.id), after: input });
    return cycle;
  });
}

/**
 * Edits a cycle before it is published: name, list size, seed and the indicator system with its
 * methods. The audit trail keeps every version (before and after); a computed ranking becomes stale.
 */
export async function updateCycle(store: Store, ctx: RequestContext, cycleId: number, input: NewCycle): Promise<IndexCycle> {
  const spec = parseSpec(input.spec);
  if (!input.name.trim()) throw KepingError.fromFieldErrors([{ code: 'REQUIRED', field: 'name' }]);
  return store.db.transaction().execute(async (trx) => {
    const before = await findCycle(trx, cycleId);
    if (before.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
    if (input.year !== before.year) throw KepingError.fromFieldErrors([{ code: 'CYCLE_YEAR_FIXED', field: 'year', params: { year: before.year } }]);
    await trx.updateTable('index_cycles').set({ name: input.name.trim(), top_n: input.topN, seed: input.seed, spec: JSON.stringify(spec) })
      .where('id', '=', cycleId).execute();
    await markStale(trx, cycleId);
    const after = await findCycle(trx, cycleId);
    await appendAudit(trx, store.dialect, ctx, {
      action: 'index.cycle.update', subjectType: 'index_cycle', subjectId: String(cycleId),
      before: { name: before.name, topN: before.topN, seed: before.seed, spec: before.spec },
      after: { name: after.name, topN: after.topN, seed: after.seed, spec: after.spec },
    });
    return after;
  });
}

export async function listCycles(db: Kysely<Database>, options: { publishedOnly?: boolean } = {}): Promise<IndexCycle[]> {
  let q = db.selectFrom('index_cycles').selectAll().orderBy('year', 'desc').orderBy('id', 'desc');
  if (options.publishedOnly) q = q.where('status', '=', 'published');
  return (await q.execute()).map(toCycle);
}

/** Exclusion needs a reason, recorded in the audit trail; the ranking must then be recomputed. */
export async function setExcluded(
  store: Store, ctx: RequestContext, cycleId: number, uscc: string, excluded: boolean, reason: string,
): Promise<void> {
  if (excluded && reason.trim().length < 4) {
    throw KepingError.fromFieldErrors([{ code: 'REASON_REQUIRED', field: 'reason', params: { min: 4 } }]);
  }
  await store.db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, cycleId);
    if (cycle.status === 'published') throw new KepingError('CYCLE_PUBLISHED', { status: 409 });
    const current = await trx.selectFrom('index_candidates').select(['excluded', 'exclusion_reason'])
      .where('cycle_id', '=', cycleId).where('uscc', '=', uscc).executeTakeFirst();
    if (!current) throw new KepingError('NOT_FOUND', { status: 404 });
    await trx.updateTable('index_candidates').set({ excluded: excluded ? 1 : 0, exclusion_reason: excluded ? reason.trim() : null })
      .where('cycle_id', '=', cycleId).where('uscc', '=', uscc).execute();
    await appendAudit(trx, store.dialect, ctx, {
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

/** Freezes the top N (ties at the cutoff all admitted and flagged) with breakdowns computed from the list. */
export async function publishCycle(store: Store, ctx: RequestContext, cycleId: number): Promise<IndexPublication> {
  return store.db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, cycleId);
    if (cycle.status !== 'computed') throw new KepingError('CYCLE_NOT_COMPUTED', { params: { status: cycle.status }, status: 409 });
    const ranked = (await listCandidates(trx, cycleId)).filter((c) => !c.excluded && c.rank !== null && c.score !== null);
    const cutoffRank = ranked[Math.min(cycle.topN, ranked.length) - 1]?.rank ?? 0;
    const chosen = ranked.filter((c) => (c.rank ?? Infinity) <= cutoffRank);
    const orgs = chosen.length
      ? await trx.selectFrom('organisations').select(['uscc', 'district', 'listing', 'groups']).where('uscc', 'in', chosen.map((c) => c.uscc)).execute()
      : [];
    const byUscc = new Map(orgs.map((o) => [o.uscc, o]));
    const entries: IndexPublishedEntry[] = chosen.map((c) => {
      const o = byUscc.get(c.uscc);
      return {
        rank: c.rank ?? 0, uscc: c.uscc, name: c.name, score: c.score ?? 0, rankP05: c.rankP05, rankP95: c.rankP95,
        district: o?.district ?? null, listing: (o?.listing ?? null) as ListingStatus | null, groups: decodeSet<IndustryGroup>(o?.groups ?? ','),
      };
    });
    const publication: IndexPublication = {
      topN: cycle.topN, evaluated: ranked.length, entries, breakdown: breakdownOf(entries), inputsHash: await inputsHash(trx, cycle),
      tiedAtCutoff: chosen.length > cycle.topN ? chosen.filter((c) => c.rank === cutoffRank).map((c) => c.uscc) : [],
    };
    await trx.updateTable('index_cycles').set({ status: 'published', publication: JSON.stringify(publication), published_at: ctx.now().toISOString() })
      .where('id', '=', cycleId).execute();
    await appendAudit(trx, store.dialect, ctx, {
      action: 'index.cycle.publish', subjectType: 'index_cycle', subjectId: String(cycleId),
      after: { entries: entries.length, inputsHash: publication.inputsHash, breakdown: publication.breakdown },
    });
    return publication;
  });
}
