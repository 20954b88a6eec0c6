/** Schema migrations, run on start and by `keping migrate`. Each is written once for both dialects. */
import { type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { outsideAudit } from '../audit/audit-guard.js';
import type { Dialect, Store } from './database.js';
import { panelsPublicationMigration } from './migration-0007.js';
import { panelRecusalsMigration } from './migration-0008.js';
import { roundDecisionsMigration } from './migration-0009.js';
import { designationEventsMigration } from './migration-0010.js';
import { indexProgramsMigration } from './migration-0011.js';
import { jobVersionsMigration } from './migration-0012.js';

type AnyDb = Kysely<unknown>;

function appendOnlyTriggers(dialect: Dialect, table: string): ReturnType<typeof sql.raw>[] {
  if (dialect === 'sqlite') {
    return ['UPDATE', 'DELETE'].map((op) =>
      sql.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`),
    );
  }
  return [
    sql.raw(`CREATE OR REPLACE FUNCTION keping_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`),
    sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION keping_append_only()`),
  ];
}

function migrations(dialect: Dialect): Record<string, Migration> {
  const autoId = dialect === 'sqlite' ? 'integer' : 'serial';
  const id = (c: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  return {
    '0001_foundation': {
      async up(db: AnyDb) {
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
    },
    '0002_designations_jobs_index': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('designations')
          .addColumn('id', autoId, id)
          .addColumn('uscc', 'varchar(18)', (c) => c.notNull().references('organisations.uscc'))
          .addColumn('title', 'varchar(40)', (c) => c.notNull())
          .addColumn('tier', 'varchar(20)', (c) => c.notNull())
          .addColumn('granted_year', 'integer', (c) => c.notNull())
          .addColumn('status', 'varchar(20)', (c) => c.notNull())
          .addColumn('ended_year', 'integer')
          .addColumn('note', 'varchar(500)')
          .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('designations_uscc').on('designations').column('uscc').execute();
        await db.schema.createIndex('designations_title').on('designations').columns(['title', 'tier', 'status']).execute();

        await db.schema
          .createTable('jobs')
          .addColumn('id', autoId, id)
          .addColumn('kind', 'varchar(40)', (c) => c.notNull())
          .addColumn('status', 'varchar(20)', (c) => c.notNull())
          .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
          .addColumn('input', 'text', (c) => c.notNull())
          .addColumn('result', 'text')
          .addColumn('error', 'text')
          .addColumn('created_by', 'integer')
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('started_at', 'varchar(30)')
          .addColumn('finished_at', 'varchar(30)')
          .execute();
        await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'id']).execute();

        await db.schema
          .createTable('index_cycles')
          .addColumn('id', autoId, id)
          .addColumn('name', 'varchar(200)', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('top_n', 'integer', (c) => c.notNull())
          .addColumn('spec', 'text', (c) => c.notNull())
          .addColumn('seed', 'varchar(100)', (c) => c.notNull())
          .addColumn('status', 'varchar(20)', (c) => c.notNull())
          .addColumn('computation', 'text')
          .addColumn('publication', 'text')
          .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('computed_at', 'varchar(30)')
          .addColumn('published_at', 'varchar(30)')
          .execute();

        await db.schema
          .createTable('index_candidates')
          .addColumn('cycle_id', 'integer', (c) => c.notNull().references('index_cycles.id').onDelete('cascade'))
          .addColumn('uscc', 'varchar(18)', (c) => c.notNull())
          .addColumn('name', 'varchar(200)', (c) => c.notNull())
          .addColumn('sources', 'text', (c) => c.notNull())
          .addColumn('data', 'text')
          .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('exclusion_reason', 'varchar(1000)')
          .addColumn('score', 'real')
          .addColumn('rank', 'integer')
          .addColumn('rank_median', 'real')
          .addColumn('rank_p05', 'real')
          .addColumn('rank_p95', 'real')
          .addColumn('group_scores', 'text')
          .addPrimaryKeyConstraint('index_candidates_pk', ['cycle_id', 'uscc'])
          .execute();
      },
    },
    '0003_programs': {
      async up(db: AnyDb) {
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
    },
    '0004_experts': {
      async up(db: AnyDb) {
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
    },
    '0005_round_advancements': {
      async up(db: AnyDb) {
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
    },
    '0006_scoring': {
      async up(db: AnyDb) {
        // Who scores what in a scoring round: active, stood down (回避) or waiting as a reserve.
        await db.schema
          .createTable('scoring_assignments')
          .addColumn('id', autoId, id)
          .addColumn('round_id', 'integer', (c) => c.notNull().references('program_rounds.id'))
          .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
          .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id'))
          .addColumn('status', 'varchar(20)', (c) => c.notNull())
          .addColumn('reserve_rank', 'integer')
          .addColumn('source', 'varchar(20)', (c) => c.notNull())
          .addColumn('explanation', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
          .addUniqueConstraint('scoring_assignments_pair', ['round_id', 'application_id', 'expert_id'])
          .execute();
        await db.schema.createIndex('scoring_assignments_expert').on('scoring_assignments').columns(['expert_id', 'status']).execute();

        // One expert's scores of one entry: criterion scores and comments as JSON, draft then submitted.
        await db.schema
          .createTable('scoring_scores')
          .addColumn('assignment_id', 'integer', (c) => c.primaryKey().references('scoring_assignments.id'))
          .addColumn('round_id', 'integer', (c) => c.notNull().references('program_rounds.id'))
          .addColumn('scores', 'text', (c) => c.notNull())
          .addColumn('comments', 'text', (c) => c.notNull())
          .addColumn('status', 'varchar(20)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('submitted_at', 'varchar(30)')
          .execute();
        await db.schema.createIndex('scoring_scores_round').on('scoring_scores').columns(['round_id', 'status']).execute();

        // A round's last assignment run (explanation, conflicts) and the office's selection decision.
        await db.schema
          .createTable('scoring_rounds')
          .addColumn('round_id', 'integer', (c) => c.primaryKey().references('program_rounds.id'))
          .addColumn('assignment', 'text')
          .addColumn('assigned_at', 'varchar(30)')
          .addColumn('decision', 'text')
          .addColumn('decided_by', 'integer')
          .addColumn('decided_at', 'varchar(30)')
          .execute();

        // In-app notifications (reminders, new assignments, recusals without a reserve).
        await db.schema
          .createTable('notifications')
          .addColumn('id', autoId, id)
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('kind', 'varchar(60)', (c) => c.notNull())
          .addColumn('params', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('read_at', 'varchar(30)')
          .execute();
        await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute();
      },
    },
    '0007_panels_publication': panelsPublicationMigration(dialect),
    '0008_panel_recusals': panelRecusalsMigration,
    '0009_round_decisions': roundDecisionsMigration,
    '0010_designation_events': designationEventsMigration(dialect),
    '0011_index_programs': indexProgramsMigration(dialect),
    '0012_job_versions': jobVersionsMigration,
  };
}

class InlineProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Applies pending migrations; returns how many ran. Throws with the failing migration's error. */
export async function migrateToLatest(store: Store): Promise<number> {
  const migrator = new Migrator({ db: store.db, provider: new InlineProvider(store.dialect) });
  const { error, results } = await outsideAudit('schema migrations', () => migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').length;
}
