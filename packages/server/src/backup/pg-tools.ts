/** pg_dump and pg_restore as child processes, the password passed in the environment, not the command line. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KepingError } from '@keping/core';

/** The newest installed client (pg_dump must be at least the server's version); KEPING_PG_BIN first. */
export function pgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  const dirs: string[] = [];
  if (env.KEPING_PG_BIN) dirs.push(env.KEPING_PG_BIN);
  try {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    // not a Debian layout: PATH decides
  }
  return dirs.map((d) => join(d, name)).find((p) => existsSync(p)) ?? name;
}

/** The URL without its password, and the environment that carries the password instead. */
export function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env };
}

export function runPgTool(name: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgTool(name), args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString('utf8')).slice(-4000); });
    child.on('error', (error) => reject(new KepingError('BACKUP_TOOL_FAILED', { params: { tool: name, detail: error.message } })));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new KepingError('BACKUP_TOOL_FAILED', { params: { tool: name, detail: stderr.trim().split('\n').slice(-3).join(' ') || `exit ${code}` } }));
    });
  });
}
