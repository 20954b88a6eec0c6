/**
 * Migration 0015: facts frozen at submission. An application keeps the facts its eligibility was
 * evaluated on, with their sources and the result (facts_snapshot, JSON); fact fields an applicant edited are marked
 * self-declared until the office confirms them (self_declared_facts). Applications submitted before
 * it keep a null snapshot: screening reads the registry for them, as before.
 */
import type { Kysely, Migration } from 'kysely';

export const factsFrozenMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('applications').addColumn('facts_snapshot', 'text').execute();
    await db.schema.createTable('self_declared_facts')
      .addColumn('uscc', 'varchar(18)', (c) => c.notNull().references('organisations.uscc'))
      .addColumn('field', 'varchar(40)', (c) => c.notNull())
      .addColumn('declared_by', 'integer')
      .addColumn('declared_at', 'varchar(40)', (c) => c.notNull())
      .addPrimaryKeyConstraint('self_declared_facts_pk', ['uscc', 'field'])
      .execute();
  },
};
