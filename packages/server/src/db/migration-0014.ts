/**
 * Migration 0014: signed checkpoints of the audit trail's head (审计检查点). Each row is what a
 * `keping audit checkpoint` (or the daily job) signed: it holds no personal data, only the entry
 * number, its hash, the time and the signature, and it is published so anyone can keep a copy.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.js';
import { appendOnlyTriggers, autoIdConstraints, autoIdType } from './migration-helpers.js';

export function auditCheckpointsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('audit_checkpoints')
        .addColumn('id', autoIdType(dialect), autoIdConstraints(dialect))
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        // The Shanghai day it was taken: the daily job writes one per day.
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_checkpoints_day').on('audit_checkpoints').column('day').execute();
      for (const statement of appendOnlyTriggers(dialect, 'audit_checkpoints')) await statement.execute(db);
    },
  };
}
