/**
 * The demo's TOP100 is a fixture: the same 100 enterprises in the same order with the same scores as
 * the list taken before the TOP100 became an index program (fixtures/demo-top100.json). A change
 * that alters the list on purpose regenerates the fixture (KEPING_WRITE_FIXTURE=1) and says why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/context.js';
import type { Store } from '../src/db/database.js';
import { seedDemo } from '../src/demo/demo.service.js';
import { findCycle } from '../src/rounds/index/cycle.repository.js';
import { DATABASES } from './databases.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/demo-top100.json');
const ctx = systemContext('zh-CN', () => new Date('2026-11-25T02:00:00Z'));

interface Line { uscc: string; rank: number; score: number }

/** The demo's published list as the public sees it. */
async function publishedList(store: Store, cycleId: number): Promise<Line[]> {
  const cycle = await findCycle(store.db, cycleId);
  const entries = (cycle.publication as { entries: Line[] } | null)?.entries ?? [];
  return entries.map((e) => ({ uscc: e.uscc, rank: e.rank, score: Math.round(e.score * 1e9) / 1e9 }));
}

describe.each(DATABASES.slice(0, 1))('the demo TOP100 on $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let list: Line[];
  beforeAll(async () => {
    ({ store, dispose } = await database.open());
    const demo = await seedDemo(store, ctx, { count: 2200, seed: 'keping-demo' });
    list = await publishedList(store, demo.top100!.cycleId);
  }, 300_000);
  afterAll(async () => dispose());

  it('publishes the same 100 enterprises in the same order as the fixture', () => {
    if (process.env.KEPING_WRITE_FIXTURE === '1') writeFileSync(FIXTURE, `${JSON.stringify(list, null, 1)}\n`);
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Line[];
    expect(fixture.length).toBeGreaterThanOrEqual(100);
    expect(list.map((l) => [l.uscc, l.rank])).toEqual(fixture.map((l) => [l.uscc, l.rank]));
    list.forEach((l, i) => expect(l.score).toBeCloseTo(fixture[i]!.score, 9));
  });
});
