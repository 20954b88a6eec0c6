/**
 * Migration 0005: round advancements, which entries a closed round sends on to the next.
 */
import type { Kysely, Migration } from 'kysely';

export const roundAdvancementsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // One row per entry when a round closes: whether it goes on to the next round. The next
    // round's entries are read from here whatever the kind of the round that decided them.
    await db.schema
      .createTable('round_advancements')
      .addColumn('round_id', 'integer', (c) => c.notNull().references('program_rounds.id'))
      .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
      .addColumn('advanced', 'integer', (c) => c.notNull())
      .addColumn('decided_at', 'varchar(30)', (c) => c.notNull())
      .addPrimaryKeyConstraint('round_advancements_pk', ['round_id', 'application_id'])
      .execute();
  },
};
