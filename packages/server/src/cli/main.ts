/** The `keping` command line: serve, migrate, demo, import, export, audit, backup, restore, user create. */
import { type ChildProcess, fork } from 'node:child_process';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createWriteStream } from 'node:fs';
import { errorMessage, translate } from '@keping/core';
import { scheduleDailyCheckpoint } from '../audit/checkpoint.job.js';
import type { RequestContext } from '../context.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrations.js';
import { existingUsernames } from '../demo/demo.repository.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../demo/demo.service.js';
import { buildApp } from '../http/app.js';
import { fileStoreFromEnv } from '../storage/files-url.js';
import { JOBS } from '../jobs/registry.js';
import { startJobWorker } from '../jobs/job.service.js';
import { exportOrganisations } from '../registry/export.service.js';
import { importExperts } from '../experts/expert-import.service.js';
import { importOrganisations } from '../registry/import.service.js';
import { createUser } from '../users/user.service.js';
import { runAssign } from './assign.command.js';
import { runAudit } from './audit.command.js';
import { runBackup, runRestore } from './backup.command.js';
import { runEligibility } from './eligibility.command.js';
import { runIndex } from './index.command.js';
import { runProgram } from './program.command.js';
import { type CliIo, processIo, reportError } from './io.js';
import { parse, usage, withStore } from './shared.js';

function cliContext(io: CliIo): RequestContext {
  let name = 'cli';
  try {
    name = `cli:${userInfo().username}`;
  } catch {
    // no passwd entry (containers): keep "cli"
  }
  return { actor: { id: null, name, role: 'system', organisationUscc: null }, ip: null, locale: io.locale, now: () => new Date() };
}

async function serve(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(io, args, { port: { type: 'string' }, host: { type: 'string' } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const host = String(values.host ?? process.env.HOST ?? '127.0.0.1');
  // The attachment store's configuration is checked before the database is touched.
  const files = fileStoreFromEnv();
  const store = openStore();
  await migrateToLatest(store);
  const { app } = await buildApp({ store, files, logger: process.env.KEPING_LOG === '1' });
  // Jobs run in a process of their own, so a long computation never stalls the HTTP server.
  const worker = superviseWorker(io);
  const shutdown = async () => {
    worker.stop();
    await app.close();
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
function superviseWorker(io: CliIo): { stop: () => void } {
  let stopped = false;
  let child: ChildProcess | undefined;
  const start = () => {
    child = fork(fileURLToPath(new URL('../../bin/keping.mjs', import.meta.url)), ['work'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('exit', (code) => {
      if (stopped) return;
      io.err(`job worker exited (${code ?? 'signal'}); restarting`);
      setTimeout(start, 1000);
    });
  };
  start();
  return { stop: () => { stopped = true; child?.kill('SIGTERM'); } };
}

async function work(io: CliIo): Promise<number> {
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
    await stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void exit());
  process.once('SIGINT', () => void exit());
  process.once('disconnect', () => void exit()); // the serving parent is gone
  return new Promise<number>(() => undefined);
}

async function importCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(io, args, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
  const [what, file] = positionals;
  if ((what !== 'organisations' && what !== 'experts') || !file || positionals.length > 2) throw usage(io);
  const run = what === 'experts' ? importExperts : importOrganisations;
  const report = await withStore((store) =>
    run(store, cliContext(io), resolve(file), { dryRun: values['dry-run'] === true, fileName: file }),
  );
  if (values.json) {
    io.out(JSON.stringify({ rows: report.rows, valid: report.valid, errors: report.errors.map(({ row, field, code, message }) => ({ row, field, code, message })) }));
  } else {
    for (const e of report.errors) io.err(translate(io.locale, 'cli.importErrorLine', { row: e.row, field: e.field, message: e.message }));
    if (report.truncated) io.err(errorMessage(io.locale, { code: 'TOO_MANY_ERRORS', params: { max: report.errors.length } }));
    io.out(translate(io.locale, 'cli.importSummary', { rows: report.rows, valid: report.valid, errors: report.errors.length }));
    if (report.imported) io.out(translate(io.locale, 'cli.importDone', { created: report.created, updated: report.updated }));
    else if (report.errors.length > 0) io.out(translate(io.locale, 'cli.importRejected'));
    else io.out(translate(io.locale, 'cli.importDryRun'));
  }
  return report.errors.length > 0 ? 1 : 0;
}

async function exportCommand(io: CliIo, args: string[]): Promise<number> {
  const { positionals } = parse(io, args, {});
  const [what, file] = positionals;
  if (what !== 'organisations' || !file) throw usage(io);
  const count = await withStore(async (store) => {
    const out = createWriteStream(resolve(file));
    const done = new Promise<void>((ok, fail) => { out.on('finish', ok); out.on('error', fail); });
    const n = await exportOrganisations(store.db, {}, io.locale, out);
    await done;
    return n;
  });
  io.out(translate(io.locale, 'cli.exported', { count, path: file }));
  return 0;
}

async function userCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(io, args, {
    role: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' }, password: { type: 'string' },
  });
  const [verb, username] = positionals;
  if (verb !== 'create' || !username || !values.role) throw usage(io);
  const password = values.password ?? process.env.KEPING_PASSWORD;
  if (!password) {
    io.err(translate(io.locale, 'cli.passwordRequired'));
    return 2;
  }
  const user = await withStore((store) => createUser(store, cliContext(io), {
    username, role: String(values.role), displayName: String(values.name ?? username), password: String(password),
    organisationUscc: values.organisation === undefined ? null : String(values.organisation),
  }));
  io.out(translate(io.locale, 'cli.userCreated', { username: user.username, role: translate(io.locale, `role.${user.role}`) }));
  return 0;
}

async function demoCommand(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(io, args, { count: { type: 'string' }, seed: { type: 'string' } });
  const count = Number(values.count ?? 2200);
  if (!Number.isInteger(count) || count < 1) throw usage(io);
  // A TOP100 cycle needs a pool of 1,993 enterprises; smaller demos (tests) skip it.
  const result = await withStore((store) => seedDemo(store, cliContext(io), { count, seed: String(values.seed ?? 'keping-demo'), top100: count >= 2100 }));
  io.out(result.alreadyPresent
    ? translate(io.locale, 'cli.demoPresent', { organisations: result.organisations })
    : translate(io.locale, 'cli.demoSeeded', { organisations: result.organisations, users: result.users }));
  if (result.top100) io.out(translate(io.locale, 'cli.demoTop100', { candidates: result.top100.candidates }));
  const c = result.competition;
  if (c) {
    io.out(translate(io.locale, 'cli.demoCompetition', {
      achievements: c.achievements, units: c.units, advanced: c.screening.advanced, rejected: c.screening.rejected,
    }));
  }
  return 0;
}

const COMMANDS: Record<string, (io: CliIo, args: string[]) => Promise<number>> = {
  serve, work, import: importCommand, eligibility: (io, args) => runEligibility(args, io), index: (io, args) => runIndex(args, io),
  assign: (io, args) => runAssign(args, io), program: (io, args) => runProgram(io, cliContext(io), args), export: exportCommand, audit: runAudit, backup: runBackup, restore: runRestore, user: userCommand, demo: demoCommand,
  migrate: async (io) => {
    const store = openStore();
    const count = await migrateToLatest(store).finally(() => store.close());
    io.out(translate(io.locale, 'cli.migrated', { count }));
    return 0;
  },
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(translate(io.locale, 'cli.usage'));
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(errorMessage(io.locale, { code: 'UNKNOWN_COMMAND', params: { command } }));
    io.err(translate(io.locale, 'cli.usage'));
    return 2;
  }
  try {
    return await run(io, rest);
  } catch (error) {
    return reportError(io, error);
  }
}
