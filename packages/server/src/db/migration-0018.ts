/**
 * Migration 0018: entries waiting to join the audit chain. A change writes its entry here in its own
 * transaction (no lock: concurrent changes commit in parallel); the sealer then moves committed entries
 * into audit_log in batches, each batch chained under one short lock (audit/sealer.ts).
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.js';
import { autoIdConstraints, autoIdType } from './migration-helpers.js';

export function auditPendingMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('audit_pending')
        .addColumn('id', autoIdType(dialect), autoIdConstraints(dialect))
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('action', 'varchar(60)', (c) => c.notNull())
        .addColumn('subject_type', 'varchar(40)', (c) => c.notNull())
        .addColumn('subject_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('ip', 'varchar(64)')
        .execute();
    },
  };
}
