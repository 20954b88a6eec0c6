/** `keping serve` (the HTTP server, supervising one job worker) and `keping work` (the job worker). */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { translate } from '@keping/core';
import { scheduleDailyCheckpoint } from '../audit/checkpoint.job.js';
import type { RequestContext } from '../context.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrations.js';
import { sealAudit } from '../audit/sealer.js';
import { existingUsernames } from '../demo/demo.repository.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo.service.js';
import { buildApp } from '../http/app.js';
import { JOBS } from '../jobs/registry.js';
import { startJobWorker } from '../jobs/job.service.js';
import { fileStoreFromEnv } from '../storage/files-url.js';
import type { CliIo } from './io.js';
import { cliContext, parse } from './shared.js';

/** The `keping` launcher, found through the package (the same from the sources and from the compiled build). */
const KEPING_BIN = join(dirname(createRequire(import.meta.url).resolve('@keping/server/package.json')), 'bin', 'keping.mjs');

export async function serve(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(io, args, { port: { type: 'string' }, host: { type: 'string' } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const host = String(values.host ?? process.env.HOST ?? '127.0.0.1');
  // The attachment store's configuration is checked before the database is touched.
  const files = fileStoreFromEnv();
  const store = openStore();
  await migrateToLatest(store);
  await sealAudit(store); // entries a stopped process committed but did not chain
  const { app, drain } = await buildApp({ store, files, logger: process.env.KEPING_LOG === '1' });
  // Jobs run in a process of their own, so a long computation never stalls the HTTP server.
  const worker = superviseWorker(io);
  let stopping = false;
  // SIGTERM: readiness turns 503 (a load balancer stops sending), requests in flight finish, the worker
  // finishes or releases its job; then the process ends.
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    drain();
    const delay = Number(process.env.KEPING_DRAIN_SECONDS ?? 0) * 1000;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const workerGone = worker.stop();
    await app.close();
    await workerGone;
    await files.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port, host });
  const shownHost = host === '0.0.0.0' ? 'localhost' : host;
  io.out(translate(io.locale, 'cli.serving', { url: `http://${shownHost}:${port}/` }));
  const demoUsers = (await existingUsernames(store.db, DEMO_USERS.map((u) => u.username))).map((username) => ({ username }));
  if (demoUsers.length > 0) {
    io.out(translate(io.locale, 'cli.demoAccounts', { password: DEMO_PASSWORD }));
    for (const u of DEMO_USERS.filter((d) => demoUsers.some((x) => x.username === d.username))) {
      io.out(`  ${u.username.padEnd(10)} ${translate(io.locale, `role.${u.role}`)}`);
    }
  }
  return new Promise<number>(() => undefined); // runs until stopped
}

/** Keeps one `keping work` child alive; it exits by itself when this process goes away. */
function superviseWorker(io: CliIo): { stop: () => Promise<void> } {
  let stopped = false;
  let child: ChildProcess | undefined;
  const start = () => {
    child = fork(KEPING_BIN, ['work'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('exit', (code) => {
      if (stopped) return;
      io.err(`job worker exited (${code ?? 'signal'}); restarting`);
      setTimeout(start, 1000);
    });
  };
  start();
  return {
    stop: () => {
      stopped = true;
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill('SIGTERM');
      return gone;
    },
  };
}

export async function work(io: CliIo): Promise<number> {
  const store = openStore();
  await migrateToLatest(store);
  const ctx: RequestContext = { ...cliContext(io), actor: { id: null, name: 'jobs', role: 'system', organisationUscc: null } };
  const stop = startJobWorker(store, JOBS, ctx);
  // The daily audit checkpoint: looked for every minute, queued once per Shanghai day.
  const schedule = () => void scheduleDailyCheckpoint(store.db, ctx).catch((e: unknown) => console.error('audit checkpoint schedule', e));
  schedule();
  const scheduler = setInterval(schedule, 60_000);
  const exit = async () => {
    clearInterval(scheduler);
    await stop(Number(process.env.KEPING_JOB_GRACE_SECONDS ?? 10) * 1000);
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void exit());
  process.once('SIGINT', () => void exit());
  process.once('disconnect', () => void exit()); // the serving parent is gone
  return new Promise<number>(() => undefined);
}

