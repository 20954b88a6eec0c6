/**
 * A real S3 server for the tests (s3rver: the S3 REST API over a local directory), started on a free
 * port with its buckets, and the standard AWS credential variables set for the SDK; stop() restores them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3TestServer {
  endpoint: string;
  /** A KEPING_FILES_URL for a bucket of this server (and a key prefix). */
  filesUrl(bucket: string, prefix?: string): string;
  /** The variables a child process needs to reach it: the credentials s3rver accepts. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3Server(buckets: string[]): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'keping-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name, configs: [] })) });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver's fixed credentials; the SDK reads them from the standard variables, as in production.
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return {
    endpoint, env,
    filesUrl: (bucket, prefix = '') => `s3://${bucket}/${prefix}?endpoint=${endpoint}&forcePathStyle=true`,
    async stop() {
      await server.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
