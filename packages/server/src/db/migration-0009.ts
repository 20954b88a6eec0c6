/**
 * Migration 0009: what every round decided per entry (score, rank within its category, reason, the
 * kind's own code and the office's note) beside whether it went on; the rank and score the published
 * list shows; and entries that come from a pool instead of an application (origin, source lists).
 * Rows written before it keep nulls: their rounds closed before decisions were recorded.
 */
import type { Kysely, Migration } from 'kysely';

export const roundDecisionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [name, type] of [
      ['category', 'varchar(40)'], ['score', 'double precision'], ['rank', 'integer'],
      ['reason', 'varchar(30)'], ['detail', 'varchar(40)'], ['note', 'text'],
    ] as const) {
      await db.schema.alterTable('round_advancements').addColumn(name, type).execute();
    }
    await db.schema.alterTable('publication_entries').addColumn('rank', 'integer').execute();
    await db.schema.alterTable('publication_entries').addColumn('score', 'double precision').execute();
    // applied: an application to the call; pool: an entry the office drew from source lists (no application).
    await db.schema.alterTable('applications').addColumn('origin', 'varchar(10)', (c) => c.notNull().defaultTo('applied')).execute();
    await db.schema.alterTable('applications').addColumn('sources', 'text').execute();
  },
};
