/**
 * npm run bench -- http [--requests 200]
 * The server's everyday reads under load, against `keping serve` as users run it (the compiled build,
 * its job worker, the full demo on the embedded SQLite; seeding not timed):
 *   the public TOP100 list and the public 公示 list, 100 clients at once (closed loop, keep-alive),
 *   beside a bare Fastify 5 sending the same bytes (bench/http-peer.lib.ts) loaded the same way;
 *   goals: ≥ 0.5× the peer's requests per second, p99 < 30 ms;
 *   the registry search of a logged-in office user (name contains "科技", 20 a page), 50 clients at
 *   once; goal p99 < 50 ms.
 * Scoring writes under load are measured by `npm run bench -- scoring` (both databases, its own peer).
 */
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildKeping } from '../scripts/build.mjs';
import { HttpClient, type HttpRequest, type LoadResult, runClients } from './http-load.lib.js';

const KEPING = join('packages', 'server', 'bin', 'keping.mjs');
const PASSWORD = 'Keping-Demo-2026';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitFor(client: HttpClient, path: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const ok = await client.send({ method: 'GET', path }).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never answered`);
}

const load = (client: HttpClient, clients: number, requests: number, r: HttpRequest) =>
  runClients(client, Array.from({ length: clients }, () => Array.from({ length: requests }, () => r)));

const fmt = (r: LoadResult) => `${r.rps.toFixed(0).padStart(6)} req/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms${r.failures.size ? `, FAILURES ${[...r.failures].map(([s, f]) => `${s}×${f.count}`).join(' ')}` : ''}`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '200' } } });
  const perClient = Number(values.requests);
  await buildKeping();
  const dir = mkdtempSync(join(tmpdir(), 'keping-bench-http-'));
  const env = { ...process.env, KEPING_DATA_DIR: dir, KEPING_DATABASE_URL: '' };
  let server: ChildProcess | undefined;
  let peer: ChildProcess | undefined;
  try {
    const seeded = spawnSync(process.execPath, [KEPING, 'demo'], { env, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`demo failed:\n${seeded.stderr}`);
    const port = await freePort();
    server = spawn(process.execPath, [KEPING, 'serve', '--port', String(port)], { env, stdio: 'ignore' });
    const ours = new HttpClient(port, 100);
    await waitFor(ours, '/api/health');

    const cycles = JSON.parse((await ours.send({ method: 'GET', path: '/api/public/index-cycles' })).body) as { items: { id: number }[] };
    const lists = JSON.parse((await ours.send({ method: 'GET', path: '/api/public/publications' })).body) as { items: { id: number }[] };
    const pages = { top100: `/api/public/index-cycles/${cycles.items[0]?.id}`, gongshi: `/api/public/publications/${lists.items[0]?.id}` };
    const bodies: Record<string, string> = {};
    for (const path of Object.values(pages)) bodies[path] = (await ours.send({ method: 'GET', path })).body;
    const file = join(dir, 'peer-pages.json');
    writeFileSync(file, JSON.stringify(bodies));
    peer = fork('bench/http-peer.lib.ts', [file], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const peerPort = await new Promise<number>((ok) => peer?.once('message', (m) => ok((m as { port: number }).port)));
    const theirs = new HttpClient(peerPort, 100);

    console.log(`HTTP reads under load (node ${process.version}; the full demo on SQLite; ${perClient} requests per client)\n`);
    for (const [name, path] of Object.entries(pages)) {
      const size = Buffer.byteLength(bodies[path] as string);
      await load(ours, 100, 20, { method: 'GET', path }); // warm-up
      await load(theirs, 100, 20, { method: 'GET', path });
      const a = await load(ours, 100, perClient, { method: 'GET', path });
      const b = await load(theirs, 100, perClient, { method: 'GET', path });
      const ratio = a.rps / b.rps;
      console.log(`${name === 'top100' ? 'public TOP100 list' : 'public 公示 list'} (${path}, ${(size / 1024).toFixed(0)} KB), 100 clients`);
      console.log(`  keping      ${fmt(a)}`);
      console.log(`  bare Fastify ${fmt(b)}`);
      console.log(`  ratio ${ratio.toFixed(2)} (goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); p99 ${a.p99Ms.toFixed(1)} ms (goal < 30 ms: ${a.p99Ms < 30 ? 'met' : 'NOT met'})\n`);
    }

    const login = await ours.send({ method: 'POST', path: '/api/auth/login', body: JSON.stringify({ username: 'staff', password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.body}`);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const search = { method: 'GET' as const, path: `/api/organisations?q=${encodeURIComponent('科技')}&page=1&pageSize=20`, headers: { cookie } };
    await load(ours, 50, 10, search);
    const s = await load(ours, 50, Math.max(20, perClient / 5), search);
    console.log('registry search, logged in (name contains 科技, 20 a page), 50 clients');
    console.log(`  keping      ${fmt(s)}`);
    console.log(`  p99 ${s.p99Ms.toFixed(1)} ms (goal < 50 ms: ${s.p99Ms < 50 ? 'met' : 'NOT met'})`);
    ours.close();
    theirs.close();
  } finally {
    peer?.send('stop');
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
