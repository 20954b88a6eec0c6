/** Seeds the demo: ~2,000 synthetic organisations (marked as demo) and one user in each role. */
import { type Role, syntheticOrganisations } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { loadMapping } from '../registry/mapping.service.js';
import { toRow } from '../registry/organisation-fields.js';
import { createUser } from '../users/user.service.js';
import { type CompetitionDemoResult, seedCompetitionDemo } from './competition-demo.js';
import { seedTop100Demo } from './top100-demo.js';
import { countDemoOrganisations, existingUsernames, insertOrganisations } from './demo.repository.js';

export const DEMO_PASSWORD = 'Keping-Demo-2026';

export const DEMO_USERS: readonly { username: string; role: Role; displayName: string }[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员' },
  { username: 'staff', role: 'staff', displayName: '经信委工作人员' },
  { username: 'applicant', role: 'applicant', displayName: '申报单位联系人' },
  { username: 'expert', role: 'expert', displayName: '评审专家' },
  { username: 'chair', role: 'chair', displayName: '评审组组长（院士）' },
  { username: 'auditor', role: 'auditor', displayName: '审计员' },
];

export interface DemoResult {
  organisations: number;
  users: number;
  alreadyPresent: boolean;
  top100?: { cycleId: number; programId: number; candidates: number };
  competition?: CompetitionDemoResult;
}

/** The demo's registry runs through this year and its TOP100 is this year's: fixed, so the demo is the same whenever it is seeded. */
export const DEMO_YEAR = 2025;

export async function seedDemo(store: Store, ctx: RequestContext, options: { count: number; seed: string | number; top100?: boolean }): Promise<DemoResult> {
  const present = await countDemoOrganisations(store.db);
  if (present > 0) return { organisations: present, users: 0, alreadyPresent: true };
  const orgs = syntheticOrganisations({ count: options.count, seed: options.seed, untilYear: DEMO_YEAR });
  const at = ctx.now().toISOString();
  await mutate(store, ctx, async ({ trx, audit }) => {
    const mapping = await loadMapping(trx);
    await insertOrganisations(trx, orgs.map((o) => ({ ...toRow(o, mapping), is_demo: 1, import_id: null, created_at: at, updated_at: at })));
    await audit({
      action: 'demo.seed', subjectType: 'demo', subjectId: String(options.seed), after: { organisations: orgs.length },
    });
  });
  let users = 0;
  for (const u of DEMO_USERS) {
    if ((await existingUsernames(store.db, [u.username])).length > 0) continue;
    await createUser(store, ctx, {
      ...u, password: DEMO_PASSWORD, organisationUscc: u.role === 'applicant' ? (orgs[0]?.uscc ?? null) : null,
    });
    users++;
  }
  const full = options.top100 !== false;
  const top100 = full ? await seedTop100Demo(store, ctx, DEMO_YEAR) : undefined;
  const competition = full ? await seedCompetitionDemo(store, ctx, { password: DEMO_PASSWORD }) : undefined;
  return { organisations: orgs.length, users, alreadyPresent: false, ...(top100 ? { top100 } : {}), ...(competition ? { competition } : {}) };
}
