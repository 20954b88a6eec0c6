/**
 * Migration 0007: panel rounds (终评会), achievement honours, awards with quotas, the publication
 * (公示) with its objections (异议) and decisions, and certificates. Written once for both dialects.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.js';
import { autoIdConstraints, autoIdType } from './migration-helpers.js';

export function panelsPublicationMigration(dialect: Dialect): Migration {
  const autoId = autoIdType(dialect);
  const id = autoIdConstraints(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('panels')
        .addColumn('id', autoId, id)
        .addColumn('round_id', 'integer', (c) => c.notNull().references('program_rounds.id'))
        .addColumn('category', 'varchar(40)', (c) => c.notNull())
        .addColumn('chair_expert_id', 'integer', (c) => c.notNull().references('experts.id'))
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('signed_off_by', 'integer')
        .addColumn('signed_off_at', 'varchar(30)')
        .addColumn('sign_off_note', 'varchar(2000)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('panels_round_category', ['round_id', 'category'])
        .execute();
      await db.schema.createTable('panel_members')
        .addColumn('panel_id', 'integer', (c) => c.notNull().references('panels.id'))
        .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id'))
        .addPrimaryKeyConstraint('panel_members_pk', ['panel_id', 'expert_id'])
        .execute();
      await db.schema.createTable('panel_slots')
        .addColumn('panel_id', 'integer', (c) => c.notNull().references('panels.id'))
        .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
        .addColumn('starts_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('room', 'varchar(100)', (c) => c.notNull())
        .addPrimaryKeyConstraint('panel_slots_pk', ['panel_id', 'application_id'])
        .execute();
      await db.schema.createTable('panel_marks')
        .addColumn('panel_id', 'integer', (c) => c.notNull().references('panels.id'))
        .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
        .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id'))
        .addColumn('score', 'double precision')
        .addColumn('criteria', 'text')
        .addColumn('vote', 'integer')
        .addColumn('marked_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('panel_marks_pk', ['panel_id', 'application_id', 'expert_id'])
        .execute();
      await db.schema.createTable('panel_results')
        .addColumn('panel_id', 'integer', (c) => c.notNull().references('panels.id'))
        .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('total', 'double precision')
        .addColumn('yes', 'integer', (c) => c.notNull())
        .addColumn('no', 'integer', (c) => c.notNull())
        .addColumn('selected', 'integer', (c) => c.notNull())
        .addColumn('tied', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('panel_results_pk', ['panel_id', 'application_id'])
        .execute();
      await db.schema.createTable('application_honours')
        .addColumn('application_id', 'integer', (c) => c.primaryKey().references('applications.id'))
        .addColumn('level', 'varchar(30)', (c) => c.notNull())
        .addColumn('note', 'varchar(500)')
        .addColumn('decided_by', 'integer')
        .addColumn('decided_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await db.schema.createTable('award_types')
        .addColumn('id', autoId, id)
        .addColumn('program_id', 'integer', (c) => c.notNull().references('programs.id'))
        .addColumn('key', 'varchar(40)', (c) => c.notNull())
        .addColumn('kind', 'varchar(30)', (c) => c.notNull())
        .addColumn('name_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
        .addColumn('quota', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('award_types_key', ['program_id', 'key'])
        .execute();
      await db.schema.createTable('award_nominations')
        .addColumn('id', autoId, id)
        .addColumn('award_type_id', 'integer', (c) => c.notNull().references('award_types.id'))
        .addColumn('application_id', 'integer', (c) => c.references('applications.id'))
        .addColumn('uscc', 'varchar(18)', (c) => c.references('organisations.uscc'))
        .addColumn('person_name', 'varchar(100)')
        .addColumn('person_organisation', 'varchar(200)')
        .addColumn('note', 'varchar(2000)')
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('reason', 'varchar(2000)')
        .addColumn('override_note', 'varchar(2000)')
        .addColumn('decided_by', 'integer')
        .addColumn('decided_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('award_nominations_type').on('award_nominations').columns(['award_type_id', 'status']).execute();

      await db.schema.createTable('publications')
        .addColumn('id', autoId, id)
        .addColumn('program_id', 'integer', (c) => c.notNull().unique().references('programs.id'))
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('start_date', 'varchar(10)')
        .addColumn('end_date', 'varchar(10)')
        .addColumn('starts_at', 'varchar(30)')
        .addColumn('ends_at', 'varchar(30)')
        .addColumn('published_at', 'varchar(30)')
        .addColumn('finalised_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createTable('publication_entries')
        .addColumn('id', autoId, id)
        .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('application_id', 'integer', (c) => c.references('applications.id'))
        .addColumn('nomination_id', 'integer', (c) => c.references('award_nominations.id'))
        .addColumn('holder', 'varchar(300)', (c) => c.notNull())
        .addColumn('holder_uscc', 'varchar(18)')
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('category', 'varchar(40)')
        .addColumn('outcome_zh', 'varchar(200)', (c) => c.notNull())
        .addColumn('outcome_en', 'varchar(200)', (c) => c.notNull())
        .addColumn('honour', 'varchar(30)')
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('publication_entries_pub').on('publication_entries').columns(['publication_id', 'position']).execute();
      await db.schema.createTable('publication_objections')
        .addColumn('id', autoId, id)
        .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
        .addColumn('entry_id', 'integer', (c) => c.references('publication_entries.id'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('contact', 'varchar(200)', (c) => c.notNull())
        .addColumn('organisation', 'varchar(200)')
        .addColumn('grounds', 'text', (c) => c.notNull())
        .addColumn('evidence_sha256', 'varchar(64)')
        .addColumn('evidence_name', 'varchar(300)')
        .addColumn('evidence_mime', 'varchar(100)')
        .addColumn('evidence_size', 'integer')
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('investigation_note', 'varchar(2000)')
        .addColumn('resolution_reason', 'varchar(2000)')
        .addColumn('resolved_by', 'integer')
        .addColumn('resolved_at', 'varchar(30)')
        .addColumn('filed_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('filed_ip', 'varchar(64)')
        .execute();
      await db.schema.createIndex('publication_objections_pub').on('publication_objections').columns(['publication_id', 'status']).execute();
      // What an upheld objection changed: the entry's state before and after, kept beside the audit entry.
      await db.schema.createTable('publication_decisions')
        .addColumn('id', autoId, id)
        .addColumn('objection_id', 'integer', (c) => c.notNull().references('publication_objections.id'))
        .addColumn('entry_id', 'integer', (c) => c.notNull().references('publication_entries.id'))
        .addColumn('action', 'varchar(20)', (c) => c.notNull())
        .addColumn('before', 'text', (c) => c.notNull())
        .addColumn('after', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'integer')
        .addColumn('decided_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createTable('certificates')
        .addColumn('serial', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id'))
        .addColumn('entry_id', 'integer', (c) => c.notNull().unique().references('publication_entries.id'))
        .addColumn('holder', 'varchar(300)', (c) => c.notNull())
        .addColumn('title', 'varchar(600)', (c) => c.notNull())
        .addColumn('date', 'varchar(10)', (c) => c.notNull())
        .addColumn('program', 'varchar(200)', (c) => c.notNull())
        .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('issued_by', 'integer')
        .addColumn('issued_at', 'varchar(30)', (c) => c.notNull())
        .execute();
    },
  };
}
