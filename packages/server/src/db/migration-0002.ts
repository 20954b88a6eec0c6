/**
 * Migration 0002: designations (the titles organisations hold), background jobs, and the TOP100
 * index cycles with their candidates.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.js';
import { autoIdConstraints, autoIdType } from './migration-helpers.js';

export function designationsJobsIndexMigration(dialect: Dialect): Migration {
  const autoId = autoIdType(dialect);
  const id = autoIdConstraints(dialect);
  return {
    async up(db: Kysely<unknown>) {
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
  };
}
