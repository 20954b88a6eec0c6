/**
 * Several processes on one PostgreSQL, as deployed behind a load balancer: two `keping serve`
 * processes (each supervising its `keping work` child) on one database. A session made on one server
 * works on the other; 200 audited writes sent through both at once all land, the audit chain intact;
 * 1,000 mail jobs through the two workers are each delivered exactly once (a real SMTP server counts
 * them); readiness answers; SIGTERM ends both servers and their workers cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, syntheticUscc } from '@keping/core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/audit.repository.js';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { enqueueJob } from '../src/jobs/job.service.js';
import { sendMailJob } from '../src/mail/mail.job.js';
import { createUser } from '../src/users/user.service.js';
import { DATABASES } from './databases.js';

const BIN = join(import.meta.dirname, '../bin/keping.mjs');
const PASSWORD = 'Multi-Process-2026!';
const JOBS = 1000;
const postgres = DATABASES.filter((d) => d.name === 'postgres');

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
}

describe.each(postgres)('two servers and two workers on one $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let dir: string;
  let smtp: SMTPServer;
  const subjects: string[] = [];
  const servers: { child: ChildProcess; url: string; exited: Promise<number | null> }[] = [];

  beforeAll(async () => {
    const opened = await database.open();
    ({ store, dispose } = opened);
    dir = mkdtempSync(join(tmpdir(), 'keping-multi-'));
    await createUser(store, systemContext('en'), { username: 'office', role: 'staff', displayName: 'Office', password: PASSWORD, organisationUscc: null });
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          subjects.push(/^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('utf8'))?.[1]?.trim() ?? '');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    for (const name of ['a', 'b']) {
      const port = await freePort();
      const env = {
        ...process.env, KEPING_DATABASE_URL: opened.url, KEPING_DATA_DIR: join(dir, name), KEPING_LANG: 'en',
        KEPING_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, KEPING_MAIL_FROM: 'Keping <office@example.cn>',
      };
      const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      servers.push({ child, url: `http://127.0.0.1:${port}`, exited: new Promise((ok) => child.once('exit', (code) => ok(code))) });
    }
    for (const s of servers) {
      for (let i = 0; i < 300 && (await fetch(`${s.url}/api/ready`).then((r) => r.status, () => 0)) !== 200; i++) await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await dispose?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a session made on one server valid on the other, and takes 200 audited writes through both at once', async () => {
    const [a, b] = servers as [typeof servers[number], typeof servers[number]];
    for (const s of servers) expect(await (await fetch(`${s.url}/api/ready`)).json()).toEqual({ ready: true });
    const login = await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('office');

    const rng = createRng('multi-process');
    const codes = [...new Set(Array.from({ length: 260 }, () => syntheticUscc(rng, '310115')))].slice(0, 200);
    const statuses = await Promise.all(codes.map((uscc, i) => fetch(`${servers[i % 2]?.url}/api/organisations`, {
      method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ uscc, name: `多进程测试企业${i + 1}` }),
    }).then((r) => r.status)));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const created = await store.db.selectFrom('organisations').select('uscc').where('uscc', 'in', codes).execute();
    expect(created).toHaveLength(200);
    const verified = await verifyAudit(store.db);
    expect(verified.ok).toBe(true);
  });

  it(`delivers ${JOBS} queued mails exactly once through the two workers`, async () => {
    const ctx = systemContext('en');
    for (let i = 0; i < JOBS; i++) await enqueueJob(store.db, ctx, sendMailJob, { to: `expert${i}@example.cn`, subject: `job ${i}`, text: 'Keping' });
    const unfinished = () => store.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'mail.send').where('status', 'in', ['queued', 'running']).executeTakeFirstOrThrow();
    await expect.poll(async () => Number((await unfinished()).n), { timeout: 240_000, interval: 500 }).toBe(0);
    const statuses = await store.db.selectFrom('jobs').select('status').where('kind', '=', 'mail.send').execute();
    expect(statuses.filter((s) => s.status !== 'done')).toEqual([]);
    expect(subjects).toHaveLength(JOBS);
    expect(new Set(subjects).size).toBe(JOBS);
  }, 300_000);

  it('ends both servers and their workers on SIGTERM, readiness having answered', async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    const codes = await Promise.all(servers.map((s) => s.exited));
    expect(codes).toEqual([0, 0]);
    expect((await verifyAudit(store.db)).ok).toBe(true);
  });
});
