/**
 * A second process writing to the same SQLite file (as `keping work` does beside `keping serve`):
 * argv <file> <count> <prefix>; makes `count` audited changes one after another, prints how many failed.
 */
import { mutate } from '../../src/audit/mutate.js';
import { systemContext } from '../../src/context.js';
import { openStore } from '../../src/db/database.js';

const [file, count, prefix] = process.argv.slice(2) as [string, string, string];
const store = openStore(file);
const ctx = systemContext('en');
let failed = 0;
for (let i = 0; i < Number(count); i++) {
  await mutate(store, ctx, (m) => m.audit({ action: 'test.note', subjectType: 'test', subjectId: `${prefix}${i}` })).catch(() => failed++);
}
await store.close();
process.stdout.write(`${failed}\n`);
