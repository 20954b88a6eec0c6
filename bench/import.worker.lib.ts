/**
 * One measured run in its own process, so peak memory (maxRSS) belongs to that run alone.
 * argv: <ours|raw> <file> <sqlite path>. Prints {seconds, rows, maxRssMb} as JSON.
 */
import { createReadStream } from 'node:fs';
import SQLite from 'better-sqlite3';
import { parseCsv } from '../packages/server/src/files/csv.js';
import { systemContext } from '../packages/server/src/context.js';
import { openStore } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrations.js';
import { importOrganisations } from '../packages/server/src/registry/import.service.js';

const [mode, file, dbPath] = process.argv.slice(2) as [string, string, string];

async function ours(): Promise<number> {
  const store = openStore(dbPath);
  await migrateToLatest(store);
  const t0 = process.hrtime.bigint();
  const report = await importOrganisations(store, systemContext('en', () => new Date('2026-11-25T00:00:00Z')), file, {
    dryRun: false, fileName: file, maxBytes: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!report.imported) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  await store.close();
  console.log(JSON.stringify({ seconds, rows: report.rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  return 0;
}

/** The peer: the same rows, already parsed, inserted with a prepared statement in one transaction. */
async function raw(): Promise<number> {
  const rows: string[][] = [];
  for await (const batch of parseCsv(createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>)) {
    for (const r of batch) if (r.line > 1) rows.push(r.fields);
  }
  const store = openStore(dbPath);
  await migrateToLatest(store);
  await store.close();
  const db = new SQLite(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare(`INSERT INTO organisations (uscc, name, kind, district, industry_code, established, listing,
    groups, talent_fields, derived_groups, derived_talent_fields, contacts, is_demo, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ',', ',', ',', ',', '[]', 0, ?, ?)`);
  const at = new Date().toISOString();
  const t0 = process.hrtime.bigint();
  db.transaction(() => {
    for (const r of rows) insert.run(r[0], r[1], r[2], r[3], r[4], r[5], r[6], at, at);
  })();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  db.close();
  console.log(JSON.stringify({ seconds, rows: rows.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  return 0;
}

process.exitCode = await (mode === 'raw' ? raw() : ours());
