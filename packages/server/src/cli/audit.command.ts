/**
 * `keping audit verify [--checkpoint FILE [--key FILE]]`, `keping audit checkpoint [--out FILE]` and
 * `keping audit keygen --out FILE`. Exit codes: 0 intact / written, 1 broken or refused, 2 usage.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { translate } from '@keping/core';
import { verifyAudit } from '../audit/audit.repository.js';
import { sealAudit } from '../audit/sealer.js';
import {
  auditKeyFile, checkCheckpoint, createCheckpoint, generateSigningKey, loadSigningKey, readCheckpointFile,
} from '../audit/checkpoint.js';
import type { Store } from '../db/database.js';
import type { CliIo } from './io.js';
import { parse, usage, withStore } from './shared.js';

/** Chains what is pending (a process may have stopped between a commit and its seal), walks the whole chain and prints the outcome; returns the exit code. */
export async function reportChain(io: CliIo, store: Store): Promise<number> {
  await sealAudit(store);
  const result = await verifyAudit(store.db);
  if (result.ok) {
    io.out(translate(io.locale, 'cli.auditOk', { count: result.count, hash: result.lastHash }));
    return 0;
  }
  const reasonKey = result.reason === 'gap' || result.reason === 'head' ? 'cli.auditReason.gap' : `cli.auditReason.${result.reason}`;
  const reason = translate(io.locale, reasonKey, { missing: result.missing ?? result.brokenAt });
  io.err(translate(io.locale, 'cli.auditBroken', { id: result.brokenAt, reason }));
  return 1;
}

/** The key a checkpoint must be signed with: --key (private or public PEM), else KEPING_AUDIT_KEY_FILE's. */
function trustedKey(path: string | undefined): KeyObject | undefined {
  if (path) {
    try {
      return createPublicKey(readFileSync(path, 'utf8'));
    } catch {
      return loadSigningKey(path); // the errors say what is wrong with the file
    }
  }
  const env = process.env.KEPING_AUDIT_KEY_FILE;
  return env ? loadSigningKey(env) : undefined;
}

async function verify(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(io, args, { checkpoint: { type: 'string' }, key: { type: 'string' } });
  const checkpoint = values.checkpoint === undefined ? undefined : readCheckpointFile(String(values.checkpoint));
  const key = checkpoint ? trustedKey(values.key === undefined ? undefined : String(values.key)) : undefined;
  return withStore(async (store) => {
    if (checkpoint) await checkCheckpoint(store.db, checkpoint, key);
    const code = await reportChain(io, store);
    if (code === 0 && checkpoint) io.out(translate(io.locale, 'cli.checkpointOk', { sequence: checkpoint.sequence, at: checkpoint.at }));
    return code;
  });
}

async function checkpoint(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(io, args, { out: { type: 'string' } });
  const key = loadSigningKey(auditKeyFile());
  const written = await withStore((store) => createCheckpoint(store, key, new Date()));
  const text = `${JSON.stringify(written, null, 1)}\n`;
  if (values.out === undefined) io.out(text.trimEnd());
  else {
    writeFileSync(String(values.out), text);
    io.out(translate(io.locale, 'cli.checkpointWritten', { sequence: written.sequence, path: String(values.out) }));
  }
  return 0;
}

function keygen(io: CliIo, args: string[]): number {
  const { values } = parse(io, args, { out: { type: 'string' } });
  if (values.out === undefined) throw usage(io);
  const { fingerprint } = generateSigningKey(String(values.out));
  io.out(translate(io.locale, 'cli.keyGenerated', { path: String(values.out), fingerprint }));
  return 0;
}

export async function runAudit(io: CliIo, args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'verify') return verify(io, rest);
  if (verb === 'checkpoint') return checkpoint(io, rest);
  if (verb === 'keygen') return keygen(io, rest);
  throw usage(io);
}
