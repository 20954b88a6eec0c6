/**
 * Migration 0013: accounts. Users may be required to change their password (after an administrator's
 * reset), and login attempts become one counter row per account name and per address, so counting
 * and throttling are single atomic statements (the old append-only log was read then written, and
 * parallel guesses never reached the limit).
 */
import type { Kysely, Migration } from 'kysely';

export const accountsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.dropTable('login_attempts').execute();
    await db.schema
      .createTable('login_attempts')
      // 'account' (the lower-cased name, known or not) or 'address' (the client's IP).
      .addColumn('scope', 'varchar(10)', (c) => c.notNull())
      .addColumn('key', 'varchar(100)', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
      .addColumn('delayed_until', 'varchar(30)')
      // Random per counted attempt: tells a request whether its own attempt was counted.
      .addColumn('ticket', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('login_attempts_pk', ['scope', 'key'])
      .execute();
  },
};
