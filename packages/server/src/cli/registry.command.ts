/** The registry and set-up commands: import, export, user create, demo, migrate. */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage, translate } from '@keping/core';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrations.js';
import { seedDemo } from '../demo/demo.service.js';
import { importExperts } from '../experts/expert-import.service.js';
import { exportOrganisations } from '../registry/export.service.js';
import { importOrganisations } from '../registry/import.service.js';
import { createUser } from '../users/user.service.js';
import type { CliIo } from './io.js';
import { cliContext, parse, usage, withStore } from './shared.js';

export async function importCommand(io: CliIo, args: string[]): Promise<number> {
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

export async function exportCommand(io: CliIo, args: string[]): Promise<number> {
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

export async function userCommand(io: CliIo, args: string[]): Promise<number> {
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

export async function demoCommand(io: CliIo, args: string[]): Promise<number> {
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

/** Applies the migrations not yet applied. */
export async function migrate(io: CliIo): Promise<number> {
  const store = openStore();
  const count = await migrateToLatest(store).finally(() => store.close());
  io.out(translate(io.locale, 'cli.migrated', { count }));
  return 0;
}
