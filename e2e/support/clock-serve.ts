/**
 * e2e only: the Keping HTTP server as `keping serve` starts it, but with a clock the test can move.
 * The offset (milliseconds) is read from KEPING_E2E_CLOCK_FILE whenever the server asks the time,
 * so a test writes the file to jump past an announcement period. Usage: node --import tsx clock-serve.ts <port>
 */
import { readFileSync } from 'node:fs';
import { openStore } from '../../packages/server/src/db/database.js';
import { migrateToLatest } from '../../packages/server/src/db/migrations.js';
import { buildApp } from '../../packages/server/src/http/app.js';

const clockFile = process.env.KEPING_E2E_CLOCK_FILE ?? '';

function offset(): number {
  try {
    return Number(readFileSync(clockFile, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

const store = openStore();
await migrateToLatest(store);
const { app } = await buildApp({ store, now: () => new Date(Date.now() + offset()) });
const shutdown = async () => {
  await app.close();
  await store.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
