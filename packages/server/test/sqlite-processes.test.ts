/**
 * SQLite with two writing processes (the server and its job worker, or a CLI beside a server): every
 * change commits, none is refused because the other process wrote between its read and its write, and
 * the audit chain stays one unbroken sequence.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.repository.js';
import { mutate } from '../src/audit/mutate.js';
import { systemContext } from '../src/context.js';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'keping-sqlite-procs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writer(file: string, count: number, prefix: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'processes', 'sqlite-writer.ts'), file, String(count), prefix],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`writer exited ${code}`))));
  });
}

describe('SQLite shared by two processes', () => {
  it('commits every change of both processes writing at once, and keeps the chain whole', async () => {
    const file = join(dir, 'keping.sqlite');
    const store = openStore(file);
    await migrateToLatest(store);
    const ctx = systemContext('en');
    const N = 300;
    let failedHere = 0;
    let written = 0;
    let childDone = false;
    const there = writer(file, N, 'b').finally(() => { childDone = true; });
    const here = (async () => {
      // Until the other process has made all its changes (it starts later: writes overlap throughout).
      for (let i = 0; !childDone || i < N; i++, written++) {
        // A change that reads, waits (as a request awaits other work), then writes: the other process
        // commits in between, which a transaction that took the write lock only at its first write cannot survive.
        await mutate(store, ctx, async (m) => {
          await m.trx.selectFrom('audit_log').select('id').limit(1).execute();
          await new Promise((r) => setTimeout(r, 2));
          await m.audit({ action: 'test.note', subjectType: 'test', subjectId: `a${i}` });
        }).catch(() => failedHere++);
        await new Promise((r) => setTimeout(r, 2)); // as requests come and go: the lock is free at times
      }
    })();
    const [failedThere] = await Promise.all([there, here]);
    expect({ failedHere, failedThere }).toEqual({ failedHere: 0, failedThere: 0 });
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true, count: written + N });
    await store.close();
  });
});
