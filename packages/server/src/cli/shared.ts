/** What the `keping` commands share: the usage error, strict option parsing and a migrated store. */
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KepingError, translate } from '@keping/core';
import type { RequestContext } from '../context.js';
import { openStore, type Store } from '../db/database.js';
import { migrateToLatest } from '../db/migrations.js';
import type { CliIo } from './io.js';

export function usage(io: CliIo): KepingError {
  return new KepingError('USAGE', { params: { usage: `\n${translate(io.locale, 'cli.usage')}` } });
}

export function parse(io: CliIo, args: string[], options: ParseArgsConfig['options']) {
  try {
    return parseArgs({ args, options: options ?? {}, allowPositionals: true, strict: true });
  } catch {
    throw usage(io);
  }
}

export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore();
  try {
    await migrateToLatest(store);
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The actor of a command run from a shell: the system role, named after the OS user. */
export function cliContext(io: CliIo): RequestContext {
  let name = 'cli';
  try {
    name = `cli:${userInfo().username}`;
  } catch {
    // no passwd entry (containers): keep "cli"
  }
  return { actor: { id: null, name, role: 'system', organisationUscc: null }, ip: null, locale: io.locale, now: () => new Date() };
}
