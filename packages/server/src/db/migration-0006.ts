/**
 * Migration 0006: scoring rounds (assignments, scores, the round's assignment run and decision)
 * and in-app notifications.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.js';
import { autoIdConstraints, autoIdType } from './migration-helpers.js';

export function scoringMigration(dialect: Dialect): Migration {
  const autoId = autoIdType(dialect);
  const id = autoIdConstraints(dialect);
  return {
    async up(db: Kysely<unknown>) {
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
  };
}
