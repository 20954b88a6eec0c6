/**
 * One import in its own process (bench/import-limits.ts), so its memory is its own: the file is
 * imported into a fresh SQLite database through the real import service, memory sampled every 5 ms.
 * argv: <file> <sqlite path>. Prints {code, rows, seconds, heap/RSS before, peak and after (MB)} as JSON.
 * Run with --expose-gc: `after` is measured once the garbage is collected, as a long-running server would.
 */
import { KepingError } from '@keping/core';
import { systemContext } from '../packages/server/src/context.js';
import { openStore } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrations.js';
import { importOrganisations } from '../packages/server/src/registry/import.service.js';

const [file, dbPath] = process.argv.slice(2) as [string, string];
const mb = (n: number) => n / 1048576;
const collect = async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((ok) => setTimeout(ok, 50));
  }
};

const store = openStore(dbPath);
await migrateToLatest(store);
await collect();
const before = process.memoryUsage();
let peakHeap = before.heapUsed;
let peakRss = before.rss;
const sample = () => {
  const m = process.memoryUsage();
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  if (m.rss > peakRss) peakRss = m.rss;
};
const timer = setInterval(sample, 5);
const t0 = process.hrtime.bigint();
let code = 'OK';
let rows = 0;
try {
  const report = await importOrganisations(store, systemContext('en', () => new Date('2026-11-25T00:00:00Z')), file, {
    // Past the 50 MB upload limit on purpose: the row, column and part limits are what is measured.
    dryRun: false, fileName: file, maxBytes: 1 << 30, onProgress: sample,
  });
  rows = report.rows;
  if (!report.imported) code = report.errors[0]?.code ?? 'NOT_IMPORTED';
} catch (error) {
  if (!(error instanceof KepingError)) throw error;
  code = error.code;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
clearInterval(timer);
sample();
await collect();
const after = process.memoryUsage();
await store.close();
console.log(JSON.stringify({
  code, rows, seconds,
  heapBefore: mb(before.heapUsed), heapPeak: mb(peakHeap), heapAfter: mb(after.heapUsed),
  rssBefore: mb(before.rss), rssPeak: Math.max(mb(peakRss), process.resourceUsage().maxRSS / 1024), rssAfter: mb(after.rss),
}));
