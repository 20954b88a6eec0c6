/**
 * Migration 0012: the version of the job definition a job was queued under. A worker runs a job only
 * under the same version (its input schema may have changed since); jobs queued before it are version 1.
 */
import type { Kysely, Migration } from 'kysely';

export const jobVersionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('jobs').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  },
};
