/** The scoring test's world: four registry organisations, a program screened into its scoring round, six experts. */
import { usccCheckCharacter } from '@keping/core';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { systemContext } from '../src/context.js';
import { createOrganisation } from '../src/registry/organisation.service.js';
import { createUser } from '../src/users/user.service.js';
import { type Client, type Harness, OTHER_USCC, OWN_USCC, PASSWORD } from './harness.js';

const uscc = (body: string) => `${body}${usccCheckCharacter(body) ?? ''}`;
export const C_USCC = uscc('91310115000000001');
export const D_USCC = uscc('91310115000000002');
export const ORGS = [
  { uscc: OWN_USCC, name: '申报示例有限公司' }, { uscc: OTHER_USCC, name: '其他示例有限公司' },
  { uscc: C_USCC, name: '丙辰微电子有限公司' }, { uscc: D_USCC, name: '丁巳智能科技有限公司' },
];
export const SECRET_FILE = '申报示例有限公司-成果报告.pdf';
export const label = (zh: string, en: string) => ({ zh, en });
export const PROGRAM = {
  type: 'competition', ownerOffice: '市总工会', cycleYear: 2026, status: 'published',
  title: label('2026年度立功竞赛', '2026 achievement competition'),
  call: {
    opensAt: '2026-11-01 09:00', closesAt: '2026-12-01 17:00',
    fields: [{ key: 'summary', label: label('成果简介', 'Summary'), type: 'longtext', required: true }],
    attachments: [{ key: 'report', label: label('成果报告', 'Report'), extensions: ['pdf'], maxSizeMb: 1 }],
  },
  rounds: [
    { key: 'screening', kind: 'screening', name: label('初筛', 'Screening') },
    { key: 'scoring', kind: 'scoring', name: label('专家评分', 'Expert scoring') },
    { key: 'final', kind: 'panel', name: label('终评', 'Final') },
  ],
  categories: [
    { key: 'ai', name: label('人工智能', 'AI'), quotas: { scoring: 2 } },
    { key: 'ic', name: label('集成电路', 'IC'), quotas: { scoring: 1 } },
  ],
};
export const CONFIG = {
  blind: true,
  assignment: { mode: 'random', perEntry: 2, maxLoad: 5, reserves: 2, seed: '2019-10-24' },
  bootstrap: { replicates: 200, seed: 'b' },
};
/** Entries by name: organisation, category, and the score every expert gives each criterion. */
export const ENTRIES = {
  a1: { org: 0, category: 'ai', score: 9 }, a2: { org: 0, category: 'ai', score: 7 }, b1: { org: 1, category: 'ai', score: 8 },
  c1: { org: 2, category: 'ic', score: 8 }, d1: { org: 3, category: 'ic', score: 6 }, d2: { org: 3, category: 'ai', score: 5 },
  c2: { org: 2, category: 'ai', score: 0 },
} as const;
export type EntryName = keyof typeof ENTRIES;
export const sheet = (v: number) => ({
  scores: { innovativeness: v, practicality: v, application_effect: v, promotion_prospects: v }, comments: { innovativeness: '思路新颖' }, comment: '建议入围',
});

export function err(res: LightMyRequestResponse) {
  return (res.json() as { error: { code: string; field?: string; errors: { code: string; field?: string }[] } }).error;
}

export interface ScoringWorld {
  staff: Client;
  admin: Client;
  roundId: number;
  finalRound: number;
  app: Record<EntryName, number>;
  experts: { id: number; client: Client }[];
}

/**
 * Applications from the four organisations (one with an attachment named after its applicant),
 * screened (c2 rejected) and the screening round closed; experts 1–6 with logins and e-mail addresses (expert 2 reads English), expert 1 employed
 * by the first applicant, expert 2 with a declared conflict with the fourth. `watch` wraps each
 * expert's client.
 */
export async function setUpScoringWorld(h: Harness, watch: (c: Client) => Client): Promise<ScoringWorld> {
  const ctx = systemContext('zh-CN', () => h.clock.now);
  const app = {} as Record<EntryName, number>;
  const experts: { id: number; client: Client }[] = [];
  for (const o of ORGS.slice(2)) await createOrganisation(h.store, ctx, { uscc: o.uscc, name: o.name });
  const applicants: Client[] = [await h.login('applicant')];
  for (const [i, o] of ORGS.slice(1).entries()) {
    await createUser(h.store, ctx, { username: `app${i}`, displayName: 'a', role: 'applicant', password: PASSWORD, organisationUscc: o.uscc });
    applicants.push(await h.login(`app${i}`));
  }
  const [staff, admin] = [await h.login('staff'), await h.login('admin')];
  const program = (await staff.request({ method: 'POST', url: '/api/programs', payload: PROGRAM })).json() as { id: number; rounds: { id: number }[] };
  const [screening, scoring, final] = program.rounds.map((r) => r.id) as [number, number, number];
  for (const [name, e] of Object.entries(ENTRIES)) {
    const c = applicants[e.org] as Client;
    const res = await c.request({
      method: 'POST', url: '/api/applications',
      payload: { programId: program.id, title: `成果${name}`, category: e.category, values: { summary: `一种新方法 ${name}` } },
    });
    const id = (res.json() as { id: number }).id;
    app[name as EntryName] = id;
    if (name === 'a1') {
      const fd = new FormData();
      fd.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n科评测试\n'))], { type: 'application/pdf' }), SECRET_FILE);
      expect((await c.request({ method: 'POST', url: `/api/applications/${id}/attachments?key=report`, payload: fd })).statusCode).toBe(201);
    }
    expect((await c.request({ method: 'POST', url: `/api/applications/${id}/submit` })).statusCode).toBe(200);
  }
  await staff.request({ method: 'POST', url: `/api/rounds/${screening}/screening/run` });
  for (const [name, id] of Object.entries(app)) {
    const reject = name === 'c2';
    const res = await staff.request({
      method: 'POST', url: `/api/rounds/${screening}/screening/decisions`,
      payload: { applicationId: id, outcome: reject ? 'reject' : 'advance', reasonCode: reject ? 'unrelated_to_industry' : 'other', note: '人工审核通过或不符' },
    });
    expect(res.statusCode).toBe(200);
  }
  expect((await staff.request({ method: 'POST', url: `/api/rounds/${screening}/close` })).statusCode).toBe(200);
  // Six experts with logins: the first works for the first applicant, the second declared a conflict with the fourth.
  for (let i = 1; i <= 6; i++) {
    const user = await createUser(h.store, ctx, { username: `exp${i}`, displayName: `专家${i}`, role: 'expert', password: PASSWORD, locale: i === 2 ? 'en' : 'zh-CN' });
    const payload: Record<string, unknown> = { name: `专家${i}`, tags: ['人工智能'], userId: user.id, email: `exp${i}@example.cn` };
    if (i === 1) payload.employerUscc = OWN_USCC;
    if (i === 2) payload.declared = [{ organisationUscc: D_USCC, reason: '亲属任职' }];
    const res = await staff.request({ method: 'POST', url: '/api/experts', payload });
    expect(res.statusCode).toBe(201);
    experts.push({ id: (res.json() as { id: number }).id, client: watch(await h.login(`exp${i}`)) });
  }
  return { staff, admin, roundId: scoring, finalRound: final, app, experts };
}
