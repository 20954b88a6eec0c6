/** One query layer, two dialects: better-sqlite3 by default, PostgreSQL when a URL says so. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery, type DatabaseConnection, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect, type SqliteDatabase,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import { AuditGuardPlugin } from '../audit/audit-guard.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the database lives, without credentials, for messages. */
  location: string;
  /**
   * The embedded connection, for the one hot path (bulk import) where a cached prepared statement
   * beats building SQL per batch. It is Kysely's own connection, so it shares its transactions.
   */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*)) as text by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v));

export function defaultSqlitePath(dataDir = process.env.KEPING_DATA_DIR ?? './data'): string {
  return resolve(dataDir, 'keping.sqlite');
}

/**
 * Kysely prepares every query afresh, and preparing costs more than running most of ours: keep the
 * last statements by their SQL text (bounded: `IN (?, ?, …)` lists make many texts). Safe because the
 * one connection runs one statement at a time, and SQLite re-prepares a statement if the schema changes.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text); // re-inserted below: the map's order is the order of last use
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/**
 * PostgreSQL parses and plans an unnamed statement at every run; a named one once per connection. Our
 * queries are a few hundred texts, so each parameterised text gets a name (bounded: `IN (…)` lists of
 * every length make new texts, and past the bound they run unnamed). Statements without parameters
 * (BEGIN, DDL, several commands in one string) keep the simple protocol.
 */
function withNamedStatements(pool: pg.Pool, max = 2000): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < max) names.set(text, (name = `keping_${names.size}`));
    return name;
  };
  return {
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect();
      return {
        release: (destroy?: boolean) => client.release(destroy),
        // The overloads of Kysely's client type cannot be written as one function: the cast joins them.
        query: ((text: string | pg.Submittable, values?: unknown[]) => {
          if (typeof text !== 'string') return client.query(text); // a cursor (streaming)
          const name = values && values.length > 0 ? nameOf(text) : undefined;
          return client.query(name ? { name, text, values } : { text, values });
        }) as unknown as PostgresPoolClient['query'],
      };
    },
  };
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE). A deferred transaction reads
 * first and asks for the lock at its first write; if another process (the job worker, a CLI) wrote in
 * between, SQLite refuses at once (SQLITE_BUSY, no waiting), and the change would fail. Taken at the
 * start, the lock is waited for (busy_timeout) and the transaction reads what it then writes on.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }

  override createDriver(): SqliteDriver {
    const driver = new SqliteDriver({ database: this.database });
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** Opens `url` (postgres://… or a file path or ':memory:'); defaults to KEPING_DATABASE_URL, then ./data. */
export function openStore(url = process.env.KEPING_DATABASE_URL): Store {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.KEPING_PG_POOL ?? 10) });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }), plugins: [new AuditGuardPlugin()] });
    return { db, dialect: 'postgres', location: url.replace(/\/\/[^@]*@/, '//'), close: () => db.destroy() };
  }
  const file = url && url !== '' ? url.replace(/^sqlite:/, '') : defaultSqlitePath();
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(withStatementCache(sqlite)), plugins: [new AuditGuardPlugin()] });
  return { db, dialect: 'sqlite', location: file, sqlite, close: () => db.destroy() };
}
