/**
 * The sealer: chains committed audit entries (audit_pending, where PostgreSQL writers leave them) onto
 * the trail in batches. `mutate` awaits it after each commit that left one, so a change's entry is in
 * the chain when its caller hears back; calls that come while a batch is being sealed share the next
 * batch: one short transaction under the chain's lock for many writers instead of one per change. Entries left by a process
 * that stopped between commit and seal are chained by the next seal of any process (every write, every
 * server start, every checkpoint).
 */
import type { Store } from '../db/database.js';
import { chainPending } from './audit.repository.js';

const BATCH = 1000;

interface SealState {
  running?: Promise<void>;
  queued?: Promise<void>;
}

const states = new WeakMap<Store, SealState>();

async function sealAll(store: Store): Promise<void> {
  for (;;) {
    const n = await chainPending(store.db, store.dialect, BATCH);
    if (n < BATCH) return;
  }
}

/** Chains every entry committed before this call (and possibly later ones); resolves once they are chained. */
export function sealAudit(store: Store): Promise<void> {
  let state = states.get(store);
  if (!state) states.set(store, (state = {}));
  const s = state;
  if (s.queued) return s.queued;
  if (s.running) {
    // The running batch may have read the pending rows before ours committed: wait for the next one.
    s.queued = s.running.catch(() => undefined).then(() => {
      s.queued = undefined;
      return sealAudit(store);
    });
    return s.queued;
  }
  s.running = sealAll(store).finally(() => {
    s.running = undefined;
  });
  return s.running;
}
