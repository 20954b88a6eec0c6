/**
 * Migration 0003: programs with their rounds, applications with their files, and the screening
 * rounds' results.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.js';
import { autoIdConstraints, autoIdType } from './migration-helpers.js';

export function programsMigration(dialect: Dialect): Migration {
  const autoId = autoIdType(dialect);
  const id = autoIdConstraints(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('programs')
        .addColumn('id', autoId, id)
        .addColumn('type', 'varchar(20)', (c) => c.notNull())
        .addColumn('owner_office', 'varchar(200)', (c) => c.notNull())
        .addColumn('cycle_year', 'integer', (c) => c.notNull())
        .addColumn('title_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('title_en', 'varchar(200)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('opens_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('closes_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('allowed_kinds', 'text', (c) => c.notNull())
        .addColumn('rule_set_id', 'varchar(60)')
        .addColumn('form_fields', 'text', (c) => c.notNull())
        .addColumn('attachments', 'text', (c) => c.notNull())
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('outcomes', 'text', (c) => c.notNull())
        .addColumn('copied_from', 'integer')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('programs_cycle').on('programs').columns(['cycle_year', 'type']).execute();

      await db.schema
        .createTable('program_rounds')
        .addColumn('id', autoId, id)
        .addColumn('program_id', 'integer', (c) => c.notNull().references('programs.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('key', 'varchar(40)', (c) => c.notNull())
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('name_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('closed_at', 'varchar(30)')
        .addUniqueConstraint('program_rounds_key', ['program_id', 'key'])
        .execute();

      await db.schema
        .createTable('applications')
        .addColumn('id', autoId, id)
        .addColumn('program_id', 'integer', (c) => c.notNull().references('programs.id'))
        .addColumn('uscc', 'varchar(18)', (c) => c.notNull().references('organisations.uscc'))
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('category', 'varchar(40)')
        .addColumn('form_values', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('submitted_at', 'varchar(30)')
        .addColumn('withdrawn_at', 'varchar(30)')
        .execute();
      await db.schema.createIndex('applications_program').on('applications').columns(['program_id', 'status']).execute();
      await db.schema.createIndex('applications_uscc').on('applications').column('uscc').execute();

      await db.schema
        .createTable('application_files')
        .addColumn('id', autoId, id)
        .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
        .addColumn('attachment_key', 'varchar(40)', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('original_name', 'varchar(300)', (c) => c.notNull())
        .addColumn('mime', 'varchar(100)', (c) => c.notNull())
        .addColumn('uploaded_by', 'integer')
        .addColumn('uploaded_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('application_files_key', ['application_id', 'attachment_key'])
        .execute();

      await db.schema
        .createTable('screening_results')
        .addColumn('round_id', 'integer', (c) => c.notNull().references('program_rounds.id'))
        .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
        .addColumn('verdict', 'varchar(20)', (c) => c.notNull())
        .addColumn('explanation', 'text')
        .addColumn('ran_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('outcome', 'varchar(20)')
        .addColumn('reason_code', 'varchar(40)')
        .addColumn('note', 'varchar(2000)')
        .addColumn('decided_by', 'integer')
        .addColumn('decided_at', 'varchar(30)')
        .addPrimaryKeyConstraint('screening_results_pk', ['round_id', 'application_id'])
        .execute();
    },
  };
}
