/**
 * Migration 0004: the experts and the dates they are unavailable.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.js';
import { autoIdConstraints, autoIdType } from './migration-helpers.js';

export function expertsMigration(dialect: Dialect): Migration {
  const autoId = autoIdType(dialect);
  const id = autoIdConstraints(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('experts')
        .addColumn('id', autoId, id)
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('professional_title', 'varchar(100)')
        .addColumn('employer_uscc', 'varchar(18)')
        .addColumn('employer_name', 'varchar(200)')
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo(','))
        .addColumn('employment', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('shareholdings', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('declared', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('available', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('phone', 'varchar(40)')
        .addColumn('email', 'varchar(200)')
        .addColumn('user_id', 'integer', (c) => c.references('users.id'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('import_id', 'integer')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('experts_name').on('experts').column('name').execute();
      await db.schema.createIndex('experts_employer').on('experts').column('employer_uscc').execute();
      await db.schema.createIndex('experts_email').on('experts').column('email').execute();
      // NULLs never collide, so only linked accounts are unique.
      await db.schema.createIndex('experts_user').on('experts').column('user_id').unique().execute();

      await db.schema
        .createTable('expert_unavailability')
        .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id').onDelete('cascade'))
        .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('expert_unavailability_expert').on('expert_unavailability').columns(['expert_id', 'start_date']).execute();
    },
  };
}
