/**
 * npm run bench -- scoring [--experts 200] [--sheets 5] [--flow draft+submit|submit] [--only sqlite|postgres]
 * (KEPING_BENCH_PROFILE=1 also writes each server's CPU profile of the timed load to bench/out/prof.)
 *
 * Experts scoring at once, over HTTP, against a running server (a listening socket on 127.0.0.1 in
 * a child process of its own), on SQLite and on PostgreSQL (KEPING_TEST_PG_URL, else the local
 * default; a fresh database is created for the run and dropped after; skipped, loudly, when
 * unreachable).
 *
 * Set-up, not timed: a fresh database; one organisation per entry applying to a competition, all
 * screened in and the screening round closed (services, in this process); 200 experts with logins
 * and expert records; then, over HTTP, the office sets the scoring config (entries = experts,
 * perEntry = maxLoad = sheets, so every expert gets exactly 5), runs the assignment, and every
 * expert logs in (cookie and CSRF token kept) and lists their items.
 * Timed: all experts at once, each working through their 5 items in order: PUT the sheet as a
 * draft (two criteria), then POST submit with the full sheet — 2,000 requests, 200 in flight,
 * 200 keep-alive sockets (node:http; one client per expert, closed loop).
 * Peer, same run, same machine: a bare Fastify 5 whose one route writes one row with the same
 * driver (better-sqlite3 / a pg pool of the same size), loaded the same way: same clients, same
 * number of requests, bodies of the same shape. Ratios are ours / peer.
 * Afterwards: exactly experts × sheets submitted sheets, one per assignment, none missing, none
 * duplicated; as many `scoring.submit` audit entries, each for a distinct assignment; the audit
 * hash chain intact; signed checkpoints taken every second during the load (from another process)
 * all verify; every response 2xx. PASS/FAIL printed; exit 1 on any FAIL.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { verifyAudit } from '../packages/server/src/audit/audit.repository.js';
import { type Checkpoint, checkCheckpoint, createCheckpoint } from '../packages/server/src/audit/checkpoint.js';
import { openStore } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrations.js';
import { HttpClient, type HttpRequest, type LoadResult, runClients } from './http-load.lib.js';
import type { ServerMessage, ServerStats } from './scoring-server.lib.js';
import { buildWorld, expertUser, inBatches, OFFICE_USER, PASSWORD } from './scoring-world.lib.js';

const { values } = parseArgs({
  options: {
    experts: { type: 'string', default: '200' }, sheets: { type: 'string', default: '5' },
    flow: { type: 'string', default: 'draft+submit' }, only: { type: 'string' },
  },
});
const EXPERTS = Number(values.experts);
const SHEETS = Number(values.sheets);
const DRAFT_FIRST = values.flow !== 'submit';
const PG_URL = process.env.KEPING_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

interface Target {
  name: 'SQLite' | 'PostgreSQL';
  url: string;
  peerUrl: string;
  dispose(): Promise<void>;
}

interface Side {
  database: string;
  server: string;
  load: LoadResult;
  rssBeforeMb: number;
  loadPeakMb: number;
  maxRssMb: number;
}

interface Check {
  database: string;
  what: string;
  ok: boolean;
  detail: string;
}

const rows: Side[] = [];
const checks: Check[] = [];
const skipped: string[] = [];
const check = (database: string, what: string, ok: boolean, detail: string) => checks.push({ database, what, ok, detail });

// ---------------------------------------------------------------- servers

interface Server {
  port: number;
  /** Memory now; with `reset`, the peak is reset first (Linux), so the next read gives the peak since. */
  stats(reset?: boolean): Promise<ServerStats>;
  stop(): Promise<void>;
}

function startServer(kind: 'keping' | 'peer', url: string): Promise<Server> {
  const child: ChildProcess = fork('bench/scoring-server.lib.ts', [kind, url], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T extends ServerMessage>(is: (m: ServerMessage) => m is T): Promise<T> => new Promise((resolve, reject) => {
    const onMessage = (m: ServerMessage) => {
      if (!is(m)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => reject(new Error(`${kind} server exited (${String(code)})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return next((m): m is { port: number } => 'port' in m).then(({ port }) => ({
    port,
    stats: (reset = false) => {
      const reply = next((m): m is ServerStats => 'maxRssMb' in m);
      child.send(reset ? 'reset' : 'stats');
      return reply;
    },
    stop: async () => {
      child.send('stop');
      await exited;
    },
  }));
}

// ---------------------------------------------------------------- databases

function sqliteTarget(): Target {
  const dir = join('bench', 'out', `scoring-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return {
    name: 'SQLite', url: join(dir, 'keping.sqlite'), peerUrl: join(dir, 'peer.sqlite'),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target | undefined> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    const where = PG_URL.replace(/\/\/[^@]*@/, '//');
    skipped.push(`PostgreSQL NOT REACHABLE at ${where} (${e instanceof Error ? e.message : String(e)}): the PostgreSQL run was SKIPPED`);
    console.log(`\n!!! ${skipped[skipped.length - 1] ?? ''} !!!\n`);
    return undefined;
  }
  const name = `keping_bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL', url: url.toString(), peerUrl: url.toString(),
    dispose: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function countPeerRows(target: Target): Promise<{ rows: number; distinct: number }> {
  const q = 'SELECT COUNT(*) AS n, COUNT(DISTINCT client * 100000 + seq) AS d FROM peer_writes';
  if (target.name === 'SQLite') {
    const db = new SQLite(target.peerUrl, { readonly: true });
    const r = db.prepare(q).get() as { n: number; d: number };
    db.close();
    return { rows: r.n, distinct: r.d };
  }
  const c = new pg.Client({ connectionString: target.peerUrl });
  await c.connect();
  const r = (await c.query<{ n: string; d: string }>(q)).rows[0];
  await c.end();
  return { rows: Number(r?.n), distinct: Number(r?.d) };
}

// ---------------------------------------------------------------- the load

const CRITERIA = ['innovativeness', 'practicality', 'application_effect', 'promotion_prospects'] as const;
const scoreOf = (expert: number, item: number) => 5 + ((expert + item) % 10) / 2;
const draftSheet = (v: number) => ({ scores: { innovativeness: v, practicality: v }, comment: '初评' });
const fullSheet = (v: number) => ({
  scores: Object.fromEntries(CRITERIA.map((c, i) => [c, Math.min(10, v + i / 2)])), comments: { innovativeness: '思路新颖，技术路线清晰' }, comment: '建议入围',
});
const warmUp = (path: string): HttpRequest[][] => Array.from({ length: EXPERTS }, () => [{ method: 'GET', path }]);

interface Session {
  cookie: string;
  csrf: string;
}

async function login(client: HttpClient, username: string): Promise<Session> {
  const res = await client.send({ method: 'POST', path: '/api/auth/login', body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  return { cookie, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
}

const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/**
 * Signed checkpoints of the trail taken while the load runs (another process, as the daily job would),
 * every second until `done`: each must still verify once the load is over.
 */
async function checkpointsDuring(target: Target, done: Promise<unknown>): Promise<Checkpoint[]> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const store = openStore(target.url);
  const taken: Checkpoint[] = [];
  let over = false;
  void done.finally(() => { over = true; });
  try {
    while (!over) {
      await new Promise((r) => setTimeout(r, 1000));
      taken.push(await createCheckpoint(store, privateKey, new Date()));
    }
  } finally {
    await store.close();
  }
  return taken;
}

async function measure(target: Target, server: Server, label: string, client: HttpClient, clients: HttpRequest[][]): Promise<void> {
  await runClients(client, warmUp(label === 'keping' ? '/api/health' : '/health'));
  const before = await server.stats(true);
  const running = runClients(client, clients);
  const checkpoints = label.startsWith('keping') ? await checkpointsDuring(target, running) : [];
  const load = await running;
  const after = await server.stats();
  if (checkpoints.length > 0) await checkAfterLoad(target, checkpoints);
  rows.push({ database: target.name, server: label, load, rssBeforeMb: before.rssMb, loadPeakMb: after.peakMb, maxRssMb: after.maxRssMb });
  const failed = [...load.failures.values()].reduce((n, f) => n + f.count, 0);
  const detail = [...load.failures].map(([status, f]) => `${f.count} × ${status}: ${f.sample}`).join('; ');
  check(target.name, `${label}: every response 2xx`, failed === 0, failed === 0 ? `${load.requests} of ${load.requests}` : detail);
}

/** Starts a server, runs `fn` with a client of EXPERTS sockets, and stops the server whatever happens. */
async function withServer(kind: 'keping' | 'peer', url: string, fn: (server: Server, client: HttpClient) => Promise<void>): Promise<void> {
  const server = await startServer(kind, url);
  const client = new HttpClient(server.port, EXPERTS);
  try {
    await fn(server, client);
  } finally {
    client.close();
    await server.stop();
  }
}

async function runPeer(target: Target): Promise<void> {
  const perSheet = DRAFT_FIRST ? 2 : 1;
  const clients = Array.from({ length: EXPERTS }, (_, e) => Array.from({ length: SHEETS * perSheet }, (_, k): HttpRequest => {
    const v = scoreOf(e, DRAFT_FIRST ? k >> 1 : k);
    const sheet = DRAFT_FIRST && k % 2 === 0 ? draftSheet(v) : fullSheet(v);
    return { method: 'POST', path: '/write', body: JSON.stringify({ client: e, seq: k, ...sheet }) };
  }));
  await withServer('peer', target.peerUrl, (server, client) => measure(target, server, 'peer: bare Fastify + one INSERT', client, clients));
  const { rows: n, distinct } = await countPeerRows(target);
  const want = EXPERTS * SHEETS * perSheet;
  check(target.name, 'peer: one row per request', n === want && distinct === want, `${n} rows, ${distinct} distinct, ${want} requests`);
}

async function runOurs(target: Target, roundId: number): Promise<void> {
  await withServer('keping', target.url, (server, client) => loadOurs(target, roundId, server, client));
}

async function loadOurs(target: Target, roundId: number, server: Server, client: HttpClient): Promise<void> {
  const t0 = performance.now();
  const office = await login(client, OFFICE_USER);
  const config = await client.send({
    method: 'PUT', path: `/api/rounds/${roundId}/scoring/config`, headers: as(office),
    body: JSON.stringify({ blind: true, assignment: { mode: 'random', perEntry: SHEETS, maxLoad: SHEETS, seed: 'bench-scoring' }, bootstrap: { replicates: 0 } }),
  });
  if (config.status !== 200) throw new Error(`config: ${config.status} ${config.body}`);
  const assign = await client.send({ method: 'POST', path: `/api/rounds/${roundId}/scoring/assign`, headers: as(office) });
  if (assign.status !== 200) throw new Error(`assign: ${assign.status} ${assign.body}`);
  const run = JSON.parse(assign.body) as { entries: number; experts: number; assignments: number };
  const t1 = performance.now();
  const sessions = await inBatches(Array.from({ length: EXPERTS }, (_, i) => i), 8, async (i) => {
    const s = await login(client, expertUser(i));
    const items = await client.send({ method: 'GET', path: '/api/expert/items', headers: as(s) });
    return { ...s, items: (JSON.parse(items.body) as { items: { assignmentId: number }[] }).items.map((x) => x.assignmentId) };
  });
  const loads = sessions.map((s) => s.items.length);
  check(target.name, `assignment: ${SHEETS} items for each of ${EXPERTS} experts`, run.assignments === EXPERTS * SHEETS && loads.every((n) => n === SHEETS),
    `${run.entries} entries, ${run.experts} experts, ${run.assignments} assignments; loads ${Math.min(...loads)}–${Math.max(...loads)}`);
  console.log(`  ${target.name}: over HTTP, office config + assignment ${((t1 - t0) / 1000).toFixed(1)} s, ${EXPERTS} expert logins + item lists ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const clients = sessions.map((s, e) => s.items.flatMap((id, j): HttpRequest[] => {
    const v = scoreOf(e, j);
    const submit: HttpRequest = { method: 'POST', path: `/api/expert/assignments/${id}/submit`, headers: as(s), body: JSON.stringify(fullSheet(v)) };
    return DRAFT_FIRST ? [{ method: 'PUT', path: `/api/expert/assignments/${id}/sheet`, headers: as(s), body: JSON.stringify(draftSheet(v)) }, submit] : [submit];
  }));
  await measure(target, server, DRAFT_FIRST ? 'keping: draft + submit' : 'keping: submit', client, clients);
}

async function checkAfterLoad(target: Target, checkpoints: Checkpoint[]): Promise<void> {
  const store = openStore(target.url);
  const failures: string[] = [];
  for (const c of checkpoints) await checkCheckpoint(store.db, c).catch((e: unknown) => failures.push(`${c.sequence}: ${String(e)}`));
  await store.close();
  const sequences = checkpoints.map((c) => c.sequence);
  check(target.name, 'signed checkpoints taken during the load verify after it', failures.length === 0,
    failures.length === 0 ? `${checkpoints.length} checkpoints, at entries ${sequences.join(', ')}` : failures.join('; '));
}

async function verifyOurs(target: Target, roundId: number): Promise<void> {
  const store = openStore(target.url);
  const db = store.db;
  const want = EXPERTS * SHEETS;
  const sheets = await db.selectFrom('scoring_scores').where('round_id', '=', roundId)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('assignment_id').distinct().as('d')]).executeTakeFirstOrThrow();
  const submitted = await db.selectFrom('scoring_scores').where('round_id', '=', roundId).where('status', '=', 'submitted')
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const missing = await db.selectFrom('scoring_assignments')
    .leftJoin('scoring_scores', 'scoring_scores.assignment_id', 'scoring_assignments.id')
    .where('scoring_assignments.round_id', '=', roundId).where('scoring_assignments.status', '=', 'active')
    .where((eb) => eb.or([eb('scoring_scores.status', 'is', null), eb('scoring_scores.status', '!=', 'submitted')]))
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const audit = await db.selectFrom('audit_log').where('action', '=', 'scoring.submit')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('subject_id').distinct().as('d')]).executeTakeFirstOrThrow();
  const chain = await verifyAudit(db);
  await store.close();
  const [n, d, s, m] = [Number(sheets.n), Number(sheets.d), Number(submitted.n), Number(missing.n)];
  check(target.name, `exactly ${want} submitted score sheets, no duplicates`, n === want && d === want && s === want,
    `${s} submitted, ${n} sheet rows, ${d} distinct assignments`);
  check(target.name, 'no active assignment left without its submitted sheet', m === 0, `${m} missing`);
  check(target.name, `${want} scoring.submit audit entries, one per assignment`, Number(audit.n) === want && Number(audit.d) === want,
    `${Number(audit.n)} entries, ${Number(audit.d)} distinct`);
  check(target.name, 'audit hash chain intact', chain.ok, chain.ok ? `${chain.count} entries` : JSON.stringify(chain));
}

async function runTarget(target: Target): Promise<void> {
  const t0 = performance.now();
  const store = openStore(target.url);
  await migrateToLatest(store);
  const world = await buildWorld(store, { entries: EXPERTS, experts: EXPERTS });
  await store.close();
  console.log(`  ${target.name}: set-up through the services (${world.entries} entries screened in, ${world.experts} experts) ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await runPeer(target);
  await runOurs(target, world.scoringRoundId);
  await verifyOurs(target, world.scoringRoundId);
}

// ---------------------------------------------------------------- main

console.log(`Scoring benchmark: ${EXPERTS} experts × ${SHEETS} sheets, ${DRAFT_FIRST ? 'PUT draft then POST submit' : 'POST submit'} per sheet, `
  + `${EXPERTS} clients at once over ${EXPERTS} keep-alive sockets (node ${process.version})\n`);
const targets: Target[] = [];
if (values.only !== 'postgres') targets.push(sqliteTarget());
if (values.only !== 'sqlite') {
  const p = await postgresTarget();
  if (p) targets.push(p);
}
for (const target of targets) {
  try {
    await runTarget(target);
  } catch (e) {
    check(target.name, 'run completed', false, e instanceof Error ? (e.stack ?? e.message) : String(e));
  } finally {
    await target.dispose();
  }
}

const ms = (x: number) => x.toFixed(x < 10 ? 1 : 0);
console.log('\n| database | server | requests | in flight | seconds | req/s | p50 ms | p99 ms | max ms | RSS before MB | peak RSS in load MB | lifetime peak MB | req/s ours/peer | p50 ours/peer |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const peer = rows.find((p) => p.database === r.database && p.server.startsWith('peer'));
  const ratio = (f: (s: Side) => number) => (peer ? (f(r) / f(peer)).toFixed(2) : '—');
  console.log(`| ${r.database} | ${r.server} | ${r.load.requests} | ${EXPERTS} | ${r.load.seconds.toFixed(2)} | ${Math.round(r.load.rps)} | ${ms(r.load.p50Ms)} | `
    + `${ms(r.load.p99Ms)} | ${ms(r.load.maxMs)} | ${r.rssBeforeMb.toFixed(0)} | ${r.loadPeakMb.toFixed(0)} | ${r.maxRssMb.toFixed(0)} | ${ratio((s) => s.load.rps)} | ${ratio((s) => s.load.p50Ms)} |`);
}
console.log('\nRSS is each server process\'s own. "in load": the peak from the start of the timed load to its end (Linux VmHWM, reset just');
console.log('before); "lifetime": getrusage maxRSS over the process\'s life, which for keping includes 200 logins (scrypt, 32 MiB each).');
console.log('The load generator shares the machine\'s cores with the server: figures are for comparison within this run.\n');
for (const s of skipped) console.log(`SKIPPED  ${s}`);
for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.database}: ${c.what} (${c.detail})`);
const failed = checks.filter((c) => !c.ok).length;
console.log(failed === 0 ? '\nPASS: no lost or duplicated write' : `\nFAIL: ${failed} check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
