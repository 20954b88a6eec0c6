/**
 * A small closed-loop HTTP load generator on node:http (autocannon is not installed): N clients,
 * each sending its own requests one after another over a keep-alive connection, all N at once.
 * Concurrency is therefore N requests in flight and at most N sockets. Every request's latency
 * (first byte written to last byte read) and status are kept.
 */
import http from 'node:http';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  /** JSON text. */
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses outside 2xx by status, with the first body seen for each. */
  failures: Map<number, { count: number; sample: string }>;
}

export class HttpClient {
  readonly agent: http.Agent;

  constructor(readonly port: number, maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send(r: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...r.headers };
      if (r.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(r.body);
      }
      const req = http.request({ host: '127.0.0.1', port: this.port, method: r.method, path: r.path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(r.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `clients` (each a list of requests sent in order) all at once, timing every request. */
export async function runClients(client: HttpClient, clients: readonly (readonly HttpRequest[])[]): Promise<LoadResult> {
  const total = clients.reduce((n, c) => n + c.length, 0);
  const latencies = new Float64Array(total);
  const failures = new Map<number, { count: number; sample: string }>();
  let k = 0;
  const t0 = performance.now();
  await Promise.all(clients.map(async (requests) => {
    for (const r of requests) {
      const t = performance.now();
      const { status, body } = await client.send(r).catch((e: unknown) => ({ status: 0, body: e instanceof Error ? e.message : String(e) }));
      latencies[k++] = performance.now() - t;
      if (status < 200 || status > 299) {
        const f = failures.get(status) ?? { count: 0, sample: body.slice(0, 300) };
        f.count++;
        failures.set(status, f);
      }
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort();
  const q = (p: number) => latencies[Math.min(total - 1, Math.floor(p * total))] ?? 0;
  return { requests: total, seconds, rps: total / seconds, p50Ms: q(0.5), p99Ms: q(0.99), maxMs: latencies[total - 1] ?? 0, failures };
}
