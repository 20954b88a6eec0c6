/**
 * The real Keping server with a movable clock (see clock-serve.ts): demo data in a temp dir, a free
 * port, KEPING_PUBLIC_URL pointing at it (so certificate QR links lead to this server's /verify page).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type RunningServer, waitForHealth } from './server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'packages/server/bin/keping.mjs');
const entry = fileURLToPath(new URL('./clock-serve.ts', import.meta.url));

export interface ClockServer extends RunningServer {
  /** Moves the server's clock to `days` after the real time (0: back to now). */
  setDaysAhead: (days: number) => void;
}

export async function startClockServer(webDist: string, demoCount = 50): Promise<ClockServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keping-e2e-clock-'));
  const clockFile = join(dataDir, 'clock-offset-ms');
  writeFileSync(clockFile, '0');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, KEPING_DATA_DIR: dataDir, KEPING_WEB_DIST: webDist, KEPING_E2E_CLOCK_FILE: clockFile, KEPING_PUBLIC_URL: url,
  };
  delete env.KEPING_DATABASE_URL;
  delete env.KEPING_FILES_DIR;

  const demo = spawnSync(process.execPath, [cli, 'demo', '--count', String(demoCount)], { cwd: repo, env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`keping demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`);

  const child = spawn(process.execPath, ['--import', 'tsx', entry, String(port)], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => output;
  await waitForHealth(url, child, log);

  return {
    url,
    dataDir,
    log,
    setDaysAhead: (days) => writeFileSync(clockFile, String(Math.round(days * 86_400_000))),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
