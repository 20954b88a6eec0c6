/**
 * Migration 0011: the TOP100 becomes a program of type `index`. A program may skip the
 * announcement period (programs.announcement); an index_cycles row becomes the state of an index
 * round (round_id) and each index_candidates row the values of a pool entry (application_id).
 * Existing cycles are moved: each becomes a program with its round, its candidates pool entries,
 * and a published cycle a closed round with its decisions and a final publication listing the
 * same ranks and scores. Scores are kept as double precision on PostgreSQL (REAL is 4 bytes
 * there), so a recomputation compares like with like.
 */
import { decideIndex, type IndexPublication } from '@keping/core';
import type { Kysely, Migration } from 'kysely';
import { INDEX_OUTCOME, INDEX_OWNER_OFFICE, INDEX_ROUND_KEY, INDEX_ROUND_NAME } from '../rounds/index/index-program.js';
import type { Dialect } from './database.js';
import type { Database } from './schema.js';

export function indexProgramsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('programs').addColumn('announcement', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('index_cycles').addColumn('round_id', 'integer', (c) => c.references('program_rounds.id')).execute();
      await db.schema.alterTable('index_candidates').addColumn('application_id', 'integer', (c) => c.references('applications.id')).execute();
      if (dialect === 'postgres') {
        await db.schema.alterTable('index_candidates').alterColumn('score', (c) => c.setDataType('double precision')).execute();
      }
      await moveIndexCycles(db as unknown as Kysely<Database>);
    },
  };
}

const CHUNK = 500;

/** Moves every cycle not yet linked to a round (round_id null) into a program; returns the programs created, by cycle id. */
export async function moveIndexCycles(db: Kysely<Database>): Promise<Map<number, number>> {
  const moved = new Map<number, number>();
  const cycles = await db.selectFrom('index_cycles').selectAll().where('round_id', 'is', null).orderBy('id').execute();
  for (const cycle of cycles) {
    const published = cycle.status === 'published';
    const at = cycle.created_at;
    const closedAt = cycle.published_at ?? cycle.computed_at ?? at;
    const program = await db.insertInto('programs').values({
      type: 'index', owner_office: INDEX_OWNER_OFFICE, cycle_year: cycle.year, title_zh: cycle.name, title_en: cycle.name,
      status: published ? 'published' : 'draft', opens_at: new Date(Date.parse(at) - 60_000).toISOString(), closes_at: at,
      allowed_kinds: '[]', rule_set_id: null, form_fields: '[]', attachments: '[]', categories: '[]',
      outcomes: JSON.stringify([{ key: INDEX_OUTCOME.key, name: INDEX_OUTCOME.name, quota: cycle.top_n }]),
      copied_from: null, created_at: at, updated_at: closedAt, announcement: 0,
    }).returning('id').executeTakeFirstOrThrow();
    const round = await db.insertInto('program_rounds').values({
      program_id: program.id, position: 1, key: INDEX_ROUND_KEY, kind: 'index', name_zh: INDEX_ROUND_NAME.zh, name_en: INDEX_ROUND_NAME.en,
      config: JSON.stringify({ topN: cycle.top_n, seed: cycle.seed, spec: JSON.parse(cycle.spec) as unknown }),
      status: published ? 'closed' : 'open', closed_at: published ? closedAt : null,
    }).returning('id').executeTakeFirstOrThrow();
    // A published cycle keeps 'computed' as its computation's state: publication is now the round's.
    await db.updateTable('index_cycles').set({ round_id: round.id, status: published ? 'computed' : cycle.status }).where('id', '=', cycle.id).execute();

    const candidates = await db.selectFrom('index_candidates').selectAll().where('cycle_id', '=', cycle.id).orderBy('uscc').execute();
    const ids = new Map<string, number>();
    for (const c of candidates) {
      const app = await db.insertInto('applications').values({
        program_id: program.id, uscc: c.uscc, title: c.name, category: null, form_values: '{}', status: 'submitted', created_by: null,
        created_at: at, updated_at: at, submitted_at: at, withdrawn_at: null, origin: 'pool', sources: c.sources,
      }).returning('id').executeTakeFirstOrThrow();
      ids.set(c.uscc, app.id);
      await db.updateTable('index_candidates').set({ application_id: app.id }).where('cycle_id', '=', cycle.id).where('uscc', '=', c.uscc).execute();
    }
    moved.set(cycle.id, program.id);
    if (!published) continue;

    const entries = candidates.map((c) => ({
      applicationId: ids.get(c.uscc) as number, values: null, excluded: c.excluded === 1, exclusionReason: c.exclusion_reason,
      score: c.score === null ? null : Number(c.score), rank: c.rank,
    }));
    const decisions = decideIndex({ config: { topN: cycle.top_n }, entries }, {
      entries: [...ids.values()].sort((a, b) => a - b), applications: new Map([...ids].map(([uscc, id]) => [id, { uscc, category: null }])),
    });
    for (let i = 0; i < decisions.length; i += CHUNK) {
      await db.insertInto('round_advancements').values(decisions.slice(i, i + CHUNK).map((d) => ({
        round_id: round.id, application_id: d.applicationId, advanced: d.advanced ? 1 : 0, decided_at: closedAt,
        category: d.category, score: d.score, rank: d.rank, reason: d.reason, detail: d.detail, note: d.note,
      }))).execute();
    }
    // The final list: the entries the frozen publication showed, with the rank and score the round decided.
    const frozen = cycle.publication ? (JSON.parse(cycle.publication) as IndexPublication) : null;
    const names = new Map((frozen?.entries ?? []).map((e) => [e.uscc, e.name]));
    const usccOf = new Map([...ids].map(([uscc, id]) => [id, uscc]));
    const listed = decisions.filter((d) => d.advanced).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.applicationId - b.applicationId);
    const day = new Date(Date.parse(closedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    const publication = await db.insertInto('publications').values({
      program_id: program.id, status: 'final', start_date: day, end_date: day, starts_at: closedAt, ends_at: closedAt,
      published_at: closedAt, finalised_at: closedAt, created_at: closedAt, updated_at: closedAt,
    }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < listed.length; i += CHUNK) {
      await db.insertInto('publication_entries').values(listed.slice(i, i + CHUNK).map((d, j) => {
        const uscc = usccOf.get(d.applicationId) as string;
        const name = names.get(uscc) ?? candidates.find((c) => c.uscc === uscc)?.name ?? uscc;
        return {
          publication_id: publication.id, position: i + j + 1, kind: 'achievement', application_id: d.applicationId, nomination_id: null,
          holder: name, holder_uscc: uscc, title: name, category: null, outcome_zh: INDEX_OUTCOME.name.zh, outcome_en: INDEX_OUTCOME.name.en,
          honour: null, rank: d.rank, score: d.score, status: 'listed',
        };
      })).execute();
    }
  }
  return moved;
}
