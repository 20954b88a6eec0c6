/**
 * `keping program export ID [--out FILE]` writes a program's record bundle (JSON);
 * `keping program recompute BUNDLE [--json]` runs every round's engines again on it and reports
 * each difference from the stored results. Exit codes: 0 written / identical, 1 differences or
 * errors, 2 usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isProgramBundle, KepingError, recomputeProgram, translate } from '@keping/core';
import type { RequestContext } from '../context.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrations.js';
import { exportProgram } from '../programs/export-bundle.js';
import { type CliIo, reportError } from './io.js';

function usage(io: CliIo): number {
  io.err(translate(io.locale, 'program.cli.usage'));
  return 2;
}

async function exportCommand(io: CliIo, ctx: RequestContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { out: { type: 'string' } } });
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) return usage(io);
  const store = openStore();
  try {
    await migrateToLatest(store);
    const bundle = await exportProgram(store, ctx, id);
    const out = values.out ?? `program-${id}.json`;
    await writeFile(out, `${JSON.stringify(bundle, null, 1)}\n`);
    io.out(translate(io.locale, 'program.cli.exported', { path: out, applications: bundle.applications.length, rounds: bundle.rounds.length }));
    return 0;
  } finally {
    await store.close();
  }
}

async function recomputeCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' } } });
  if (positionals.length !== 1) return usage(io);
  const path = positionals[0]!;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new KepingError('BUNDLE_UNREADABLE', { field: 'bundle', params: { path } });
  }
  if (!isProgramBundle(parsed)) throw new KepingError('BUNDLE_UNREADABLE', { field: 'bundle', params: { path } });
  const report = recomputeProgram(parsed);
  if (values.json) {
    io.out(JSON.stringify(report));
  } else {
    for (const r of report.rounds) {
      io.out(translate(io.locale, 'program.cli.roundChecked', { round: r.key, checked: r.checked, differences: r.differences.length }));
      for (const d of r.differences.slice(0, 50)) {
        io.out(translate(io.locale, 'program.cli.difference', { application: d.applicationId ?? '—', what: d.what, recorded: d.recorded, recomputed: d.recomputed }));
      }
    }
    if (report.publication.length > 0) io.out(translate(io.locale, 'program.cli.publicationChecked', { differences: report.publication.length }));
    for (const d of report.publication.slice(0, 50)) {
      io.out(translate(io.locale, 'program.cli.difference', { application: d.applicationId ?? '—', what: d.what, recorded: d.recorded, recomputed: d.recomputed }));
    }
    io.out(translate(io.locale, report.identical ? 'program.cli.identical' : 'program.cli.different'));
  }
  return report.identical ? 0 : 1;
}

export async function runProgram(io: CliIo, ctx: RequestContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'export') return await exportCommand(io, ctx, rest);
    if (sub === 'recompute') return await recomputeCommand(io, rest);
    return usage(io);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return usage(io);
    return reportError(io, error);
  }
}
