/**
 * Migration 0001: the foundation: the registry of organisations, users with their sessions and
 * login attempts, the audit trail (append-only) and its head, imports and the industry mapping.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.js';
import { appendOnlyTriggers, autoIdConstraints, autoIdType } from './migration-helpers.js';

export function foundationMigration(dialect: Dialect): Migration {
  const autoId = autoIdType(dialect);
  const id = autoIdConstraints(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organisations')
        .addColumn('uscc', 'varchar(18)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('kind', 'varchar(20)')
        .addColumn('district', 'varchar(6)')
        .addColumn('industry_code', 'varchar(5)')
        .addColumn('established', 'varchar(10)')
        .addColumn('listing', 'varchar(20)')
        .addColumn('groups', 'varchar(300)', (c) => c.notNull().defaultTo(','))
        .addColumn('talent_fields', 'varchar(300)', (c) => c.notNull().defaultTo(','))
        .addColumn('derived_groups', 'varchar(300)', (c) => c.notNull().defaultTo(','))
        .addColumn('derived_talent_fields', 'varchar(300)', (c) => c.notNull().defaultTo(','))
        .addColumn('groups_override', 'varchar(300)')
        .addColumn('talent_fields_override', 'varchar(300)')
        .addColumn('contacts', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('import_id', 'integer')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('organisations_name').on('organisations').column('name').execute();
      await db.schema.createIndex('organisations_district').on('organisations').column('district').execute();
      await db.schema.createIndex('organisations_import').on('organisations').column('import_id').execute();

      await db.schema
        .createTable('users')
        .addColumn('id', autoId, id)
        .addColumn('username', 'varchar(40)', (c) => c.notNull().unique())
        .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('organisation_uscc', 'varchar(18)', (c) => c.references('organisations.uscc'))
        .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
        .addColumn('locale', 'varchar(10)', (c) => c.notNull().defaultTo('zh-CN'))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
        .addColumn('ip', 'varchar(64)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('login_attempts')
        .addColumn('id', autoId, id)
        .addColumn('ip', 'varchar(64)', (c) => c.notNull())
        .addColumn('username', 'varchar(100)', (c) => c.notNull())
        .addColumn('success', 'integer', (c) => c.notNull())
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_ip_at').on('login_attempts').columns(['ip', 'at']).execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('action', 'varchar(60)', (c) => c.notNull())
        .addColumn('subject_type', 'varchar(40)', (c) => c.notNull())
        .addColumn('subject_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('ip', 'varchar(64)')
        .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('hash', 'varchar(64)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_subject').on('audit_log').columns(['subject_type', 'subject_id']).execute();
      for (const statement of appendOnlyTriggers(dialect, 'audit_log')) await statement.execute(db);

      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('last_id', 'integer', (c) => c.notNull())
        .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('imports')
        .addColumn('id', autoId, id)
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('created', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('industry_mapping')
        .addColumn('position', 'integer', (c) => c.primaryKey())
        .addColumn('prefix', 'varchar(4)', (c) => c.notNull())
        .addColumn('groups', 'varchar(300)', (c) => c.notNull())
        .addColumn('talent_fields', 'varchar(300)', (c) => c.notNull())
        .addColumn('note', 'varchar(200)')
        .execute();
    },
  };
}
