/** Migration 0008: panel members' conflicts of interest (回避), fixed when the panel is set up, and declared ones. */
import type { Kysely, Migration } from 'kysely';

export const panelRecusalsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // Panel members' conflicts of interest, fixed when the panel is set up (so a recomputation sees the same), and declared ones.
    await db.schema.createTable('panel_recusals')
      .addColumn('panel_id', 'integer', (c) => c.notNull().references('panels.id'))
      .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
      .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id'))
      .addColumn('source', 'varchar(20)', (c) => c.notNull())
      .addColumn('reason', 'varchar(2000)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
      .addPrimaryKeyConstraint('panel_recusals_pk', ['panel_id', 'application_id', 'expert_id'])
      .execute();
  },
};
