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
import { DATABASES } from './databases.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/demo-top100.json');
const ctx = systemContext('zh-CN', () => new Date('2026-11-25T02:00:00Z'));

interface Line { uscc: string; rank: number; score: number }

/** The demo's published list as the public sees it: the TOP100 program's publication. */
async function publishedList(store: Store, programId: number): Promise<Line[]> {
  const rows = await store.db.selectFrom('publication_entries').innerJoin('publications', 'publications.id', 'publication_entries.publication_id')
    .select(['publication_entries.holder_uscc', 'publication_entries.rank', 'publication_entries.score'])
    .where('publications.program_id', '=', programId).where('publications.status', '=', 'final').where('publication_entries.status', '=', 'listed')
    .orderBy('publication_entries.position').execute();
  return rows.map((e) => ({ uscc: e.holder_uscc ?? '', rank: e.rank ?? 0, score: Math.round(Number(e.score) * 1e9) / 1e9 }));
}

describe.each(DATABASES.slice(0, 1))('the demo TOP100 on $name', (database) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let list: Line[];
  beforeAll(async () => {
    ({ store, dispose } = await database.open());
    const demo = await seedDemo(store, ctx, { count: 2200, seed: 'keping-demo' });
    list = await publishedList(store, demo.top100!.programId);
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
