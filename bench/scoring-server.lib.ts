/**
 * One server of the scoring benchmark in a process of its own, so its peak RSS is its own.
 * argv: <keping|peer> <database url or SQLite path>. Listens on 127.0.0.1 (a free port), then talks
 * to its parent over IPC: sends {port} once listening; answers 'stats' with its memory ('reset' first
 * resets the peak, so the load's own peak can be read after it); 'stop' ends it.
 *
 * keping: the real application (buildApp) on the migrated database, as `keping serve` runs it, without
 *   the job worker. peer: a bare Fastify 5 with one route that writes one row with the same driver
 *   (better-sqlite3 with the store's pragmas, or a pg pool of the store's size) — the floor for
 *   "an authenticated write over HTTP" on this machine.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import SQLite from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

export interface ServerStats {
  rssMb: number;
  /** Peak since the last 'reset' (Linux VmHWM); the lifetime peak where that cannot be reset. */
  peakMb: number;
  /** Peak over the process's life (getrusage maxRSS): includes the logins' scrypt buffers. */
  maxRssMb: number;
}
export type ServerMessage = { port: number } | ServerStats;

const [kind, url] = process.argv.slice(2) as ['keping' | 'peer', string];
const isPg = /^postgres(ql)?:\/\//.test(url);

async function keping(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  // Imported here, so the peer's process never loads Keping's modules and its RSS is its own.
  const { openStore } = await import('../packages/server/src/db/database.js');
  const { buildApp } = await import('../packages/server/src/http/app.js');
  const store = openStore(url);
  const { app } = await buildApp({ store, logger: false, webDist: '/nonexistent' });
  return { app, close: () => store.close() };
}

interface PeerBody {
  client: number;
  seq: number;
  [key: string]: unknown;
}

async function peer(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ ok: true }));
  if (isPg) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.KEPING_PG_POOL ?? 10) });
    await pool.query('CREATE TABLE IF NOT EXISTS peer_writes (id SERIAL PRIMARY KEY, client INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, at VARCHAR(30) NOT NULL)');
    app.post<{ Body: PeerBody }>('/write', async (request) => {
      const r = await pool.query<{ id: number }>('INSERT INTO peer_writes (client, seq, body, at) VALUES ($1, $2, $3, $4) RETURNING id',
        [request.body.client, request.body.seq, JSON.stringify(request.body), new Date().toISOString()]);
      return { id: r.rows[0]?.id };
    });
    return { app, close: () => pool.end() };
  }
  const db = new SQLite(url);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS peer_writes (id INTEGER PRIMARY KEY AUTOINCREMENT, client INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO peer_writes (client, seq, body, at) VALUES (?, ?, ?, ?)');
  app.post<{ Body: PeerBody }>('/write', async (request) => {
    const r = insert.run(request.body.client, request.body.seq, JSON.stringify(request.body), new Date().toISOString());
    return { id: Number(r.lastInsertRowid) };
  });
  return { app, close: async () => { db.close(); } };
}

const { app, close } = kind === 'keping' ? await keping() : await peer();
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const send = (m: ServerMessage) => process.send?.(m);
send({ port: typeof address === 'object' && address ? address.port : 0 });

/** Linux only: writing 5 to clear_refs resets the peak RSS (VmHWM, and getrusage's maxRSS with it). */
let peakBeforeReset = 0;
function resetPeak(): void {
  peakBeforeReset = Math.max(peakBeforeReset, process.resourceUsage().maxRSS / 1024);
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not permitted: the peak stays the lifetime one
  }
}

function stats(): ServerStats {
  const sinceReset = process.resourceUsage().maxRSS / 1024;
  let peakMb = sinceReset;
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) peakMb = Number(hwm[1]) / 1024;
  } catch {
    // no /proc: lifetime peak
  }
  return { rssMb: process.memoryUsage().rss / 1048576, peakMb, maxRssMb: Math.max(peakBeforeReset, sinceReset) };
}

// KEPING_BENCH_PROFILE=1: a CPU profile of the timed load only (from 'reset' to the next 'stats'), in bench/out/prof.
const profiler = process.env.KEPING_BENCH_PROFILE === '1' ? new Session() : undefined;
profiler?.connect();
const post = (method: string) => new Promise<unknown>((ok, fail) => profiler?.post(method, (e, r) => (e ? fail(e) : ok(r))));

process.on('message', async (m: unknown) => {
  if (m === 'reset') resetPeak();
  if (profiler && m === 'reset') await post('Profiler.enable').then(() => post('Profiler.start'));
  if (profiler && m === 'stats') {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    mkdirSync('bench/out/prof', { recursive: true });
    writeFileSync(`bench/out/prof/${kind}-${isPg ? 'postgres' : 'sqlite'}-${process.pid}.cpuprofile`, JSON.stringify(profile));
  }
  if (m === 'stats' || m === 'reset') send(stats());
  if (m === 'stop') {
    void app.close().then(close).then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
