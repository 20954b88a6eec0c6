/**
 * The scoring benchmark's world, built through the services the web app calls (set-up, not timed):
 * one organisation per entry applying once to a competition, every entry screened in and the
 * screening round closed, one office account, and the experts: each a user with a login and an
 * expert record in the pool. Assignment and logins happen later, over HTTP, against the server.
 */
import { outsideAudit } from '../packages/server/src/audit/audit-guard.js';
import { programInputSchema, syntheticOrganisations } from '@keping/core';
import { type RequestContext, systemContext } from '../packages/server/src/context.js';
import type { Store } from '../packages/server/src/db/database.js';
import { createExpert } from '../packages/server/src/experts/expert.service.js';
import { createApplication } from '../packages/server/src/programs/application.service.js';
import { createProgram } from '../packages/server/src/programs/program.service.js';
import { closeRound, decideScreening, runScreening } from '../packages/server/src/rounds/screening/screening.service.js';
import { submitApplication } from '../packages/server/src/programs/submit-application.js';
import { createOrganisation } from '../packages/server/src/registry/organisation.service.js';
import { createUser } from '../packages/server/src/users/user.service.js';
import { hashPassword } from '../packages/server/src/auth/password.js';

export const PASSWORD = 'Bench-Scoring-42!';
export const OFFICE_USER = 'bench-office';
export const expertUser = (i: number) => `bench-expert-${String(i + 1).padStart(4, '0')}`;

export interface World {
  scoringRoundId: number;
  entries: number;
  experts: number;
}

const label = (zh: string, en: string) => ({ zh, en });
const PROGRAM = programInputSchema.parse({
  type: 'competition', ownerOffice: '市总工会', cycleYear: 2026, status: 'published',
  title: label('2026年度立功竞赛（压测）', '2026 achievement competition (load test)'),
  call: {
    opensAt: '2026-11-01 09:00', closesAt: '2026-12-01 17:00',
    fields: [{ key: 'summary', label: label('成果简介', 'Summary'), type: 'longtext', required: true }],
  },
  rounds: [
    { key: 'screening', kind: 'screening', name: label('初筛', 'Screening') },
    { key: 'scoring', kind: 'scoring', name: label('专家评分', 'Expert scoring') },
  ],
  categories: [
    { key: 'ai', name: label('人工智能', 'AI'), quotas: { scoring: 50 } },
    { key: 'ic', name: label('集成电路', 'IC'), quotas: { scoring: 50 } },
  ],
});

/** Runs `fn` over `items`, at most `width` at a time (password hashing runs on libuv's pool). */
export async function inBatches<T, R>(items: readonly T[], width: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

export async function buildWorld(store: Store, options: { entries: number; experts: number }): Promise<World> {
  const office: RequestContext = systemContext('zh-CN', () => new Date('2026-11-20T02:00:00Z'));
  const program = await createProgram(store, office, PROGRAM);
  const [screening, scoring] = program.rounds.map((r) => r.id) as [number, number];
  const orgs = syntheticOrganisations({ count: options.entries, seed: 'bench-scoring', untilYear: 2020 });
  for (const [i, o] of orgs.entries()) {
    await createOrganisation(store, office, { uscc: o.uscc, name: o.name, kind: o.kind, district: o.district, industryCode: o.industryCode });
    const applicant: RequestContext = { ...office, actor: { id: null, name: `申报单位 ${o.uscc}`, role: 'applicant', organisationUscc: o.uscc } };
    const draft = await createApplication(store, applicant, program.id, {
      title: `成果 ${i + 1}`, category: i % 2 === 0 ? 'ai' : 'ic', values: { summary: '成果围绕产业链关键环节，实现核心技术自主可控并形成规模化应用。' },
    });
    await submitApplication(store, applicant, draft.id);
  }
  await runScreening(store, office, screening);
  const apps = await store.db.selectFrom('applications').select('id').where('program_id', '=', program.id).orderBy('id').execute();
  for (const a of apps) {
    await decideScreening(store, office, screening, { applicationId: a.id, outcome: 'advance', reasonCode: 'other', note: '人工审核通过，进入专家评分' });
  }
  await closeRound(store, office, screening);

  await createUser(store, office, { username: OFFICE_USER, displayName: '评审办', role: 'staff', password: PASSWORD });
  // The accounts share one scrypt hash (~0.1 s each to compute on these machines, 200 of them):
  // written as createUser writes them, minus its audit entry (so outside the audit guard). Each login still verifies it.
  const passwordHash = await hashPassword(PASSWORD);
  for (let i = 0; i < options.experts; i++) {
    const user = await outsideAudit('bench set-up: expert accounts sharing one precomputed hash', () => store.db.insertInto('users').values({
      username: expertUser(i), display_name: `专家${i + 1}`, role: 'expert', organisation_uscc: null, password_hash: passwordHash,
      locale: 'zh-CN', disabled: 0, failed_logins: 0, locked_until: null, created_at: office.now().toISOString(),
    }).returning('id').executeTakeFirstOrThrow());
    await createExpert(store, office, { name: `专家${i + 1}`, tags: ['人工智能'], userId: user.id });
  }
  return { scoringRoundId: scoring, entries: apps.length, experts: options.experts };
}
