/**
 * Migration 0010: designations keep a dated history (认定记录). Each step is a row of
 * designation_events on a calendar day; the designations row stays as the current state. Existing
 * rows become a grant on 1 January of their year and, if they ended, an ending on 31 December.
 * Written once for both dialects.
 */
import { type Kysely, type Migration, type QueryExecutorProvider, sql } from 'kysely';
import type { Dialect } from './database.js';
import { autoIdConstraints, autoIdType } from './migration-helpers.js';

export const LEGACY_SOURCE = '历史数据/legacy import';

export function designationEventsMigration(dialect: Dialect): Migration {
  const autoId = autoIdType(dialect);
  const id = autoIdConstraints(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('designation_events')
        .addColumn('id', autoId, id)
        .addColumn('designation_id', 'integer', (c) => c.notNull().references('designations.id'))
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('tier', 'varchar(20)')
        .addColumn('grade', 'varchar(20)')
        .addColumn('reason', 'varchar(2000)')
        .addColumn('source', 'varchar(500)')
        .addColumn('program_id', 'integer', (c) => c.references('programs.id'))
        .addColumn('decision_ref', 'varchar(200)')
        .addColumn('actor_id', 'integer')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('designation_events_designation').on('designation_events').columns(['designation_id', 'day', 'id']).execute();
      await db.schema.createIndex('designation_events_kind_day').on('designation_events').columns(['kind', 'day']).execute();
      // The current state kept beside the history: first grant, validity, the day it lapses or ended.
      for (const column of ['granted_on', 'valid_until', 'ended_on']) {
        await db.schema.alterTable('designations').addColumn(column, 'varchar(10)').execute();
      }
      await db.schema.alterTable('designations').addColumn('validity_years', 'integer').execute();

      await legacyDesignationEvents(db);
    },
  };
}

/** Gives each designation row without a history its events: granted on 1 January, ended on 31 December. */
export async function legacyDesignationEvents(db: QueryExecutorProvider): Promise<void> {
  await sql`UPDATE designations SET granted_on = CAST(granted_year AS VARCHAR(4)) || '-01-01' WHERE granted_on IS NULL`.execute(db);
  await sql`UPDATE designations SET ended_on = CAST(ended_year AS VARCHAR(4)) || '-12-31'
    WHERE ended_on IS NULL AND ended_year IS NOT NULL AND status IN ('revoked', 'expired')`.execute(db);
  const without = (kinds: string[]) =>
    sql`NOT EXISTS (SELECT 1 FROM designation_events e WHERE e.designation_id = designations.id AND e.kind IN (${sql.join(kinds)}))`;
  await sql`INSERT INTO designation_events (designation_id, kind, day, tier, source, created_at)
    SELECT id, 'granted', granted_on, tier, ${LEGACY_SOURCE}, created_at FROM designations
    WHERE ${without(['granted'])} ORDER BY id`.execute(db);
  await sql`INSERT INTO designation_events (designation_id, kind, day, reason, source, created_at)
    SELECT id, status, ended_on, COALESCE(note, ${LEGACY_SOURCE}), ${LEGACY_SOURCE}, updated_at FROM designations
    WHERE ended_on IS NOT NULL AND ${without(['revoked', 'expired'])} ORDER BY id`.execute(db);
}
