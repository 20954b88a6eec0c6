// Runs a TypeScript worker module through tsx, for runs from the sources (tests, development); the
// compiled build starts its workers from packages/server/dist directly.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.module);
