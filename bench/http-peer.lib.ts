/**
 * The peer of bench/http.ts in a process of its own: a bare Fastify 5 sending fixed bytes, the floor
 * for "a JSON page over HTTP" on this machine. argv: JSON file of { path: body } pairs. Sends its port
 * to the parent over IPC once listening; exits when the parent says 'stop'.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const pages = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Record<string, string>;
const app = Fastify({ logger: false });
for (const [path, body] of Object.entries(pages)) {
  const bytes = Buffer.from(body);
  app.get(path, (_request, reply) => reply.type('application/json; charset=utf-8').send(bytes));
}
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (m) => {
  if (m === 'stop') void app.close().then(() => process.exit(0));
});
