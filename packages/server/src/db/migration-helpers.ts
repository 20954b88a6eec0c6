/**
 * What the migrations share so that each is written once for both dialects: the auto-numbered id
 * column and the triggers that make a table append-only.
 */
import { type ColumnDefinitionBuilder, sql } from 'kysely';
import type { Dialect } from './database.js';

/** The type of an auto-numbered id column: INTEGER on SQLite, SERIAL on PostgreSQL. */
export function autoIdType(dialect: Dialect): 'integer' | 'serial' {
  return dialect === 'sqlite' ? 'integer' : 'serial';
}

/** The constraints of an auto-numbered id column: the primary key, AUTOINCREMENT on SQLite (ids never reused). */
export function autoIdConstraints(dialect: Dialect): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
}

/** Statements that make `table` refuse every UPDATE and DELETE. */
export function appendOnlyTriggers(dialect: Dialect, table: string): ReturnType<typeof sql.raw>[] {
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
