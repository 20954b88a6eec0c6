/** The real Keping server as a child process: demo data in a temp dir, a free port, /api/health awaited. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'packages/server/bin/keping.mjs');

export interface RunningServer {
  url: string;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs} ms:\n${log()}`);
}

/**
 * `demoCount`: how many demo organisations to seed. 50 is quick; 'full' seeds the default demo
 * (2,200 organisations and the published TOP100 cycle with 1,993 candidates, about 10 s).
 */
export async function startServer(webDist: string, demoCount: number | 'full' = 50): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keping-e2e-data-'));
  const env: NodeJS.ProcessEnv = { ...process.env, KEPING_DATA_DIR: dataDir, KEPING_WEB_DIST: webDist };
  delete env.KEPING_DATABASE_URL;

  const demoArgs = demoCount === 'full' ? ['demo'] : ['demo', '--count', String(demoCount)];
  const demo = spawnSync(process.execPath, [cli, ...demoArgs], { cwd: repo, env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`keping demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [cli, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => output;
  await waitForHealth(url, child, log);

  return {
    url,
    dataDir,
    log,
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
