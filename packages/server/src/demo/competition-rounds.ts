/**
 * The 2019 competition's review rounds, replayed: 31 experts drawn at random with avoidance score
 * every screened entry on the four criteria; the office takes the ranking's proposal per category
 * quota; three industry panels, each led by an academician, mark the finalists and their chairs
 * sign off. Marks come from a seeded model (an entry's latent quality, each judge's severity and
 * noise); every selection comes from the engines.
 */
import { createRng, DEFAULT_CRITERIA, KepingError, type Rng, syntheticExperts } from '@keping/core';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { createExpert } from '../experts/expert.service.js';
import { findPanel, rankingOf } from '../rounds/panel/panel-round.js';
import { closePanelRound, createPanel, markEntry, setSchedule, signOffPanel } from '../rounds/panel/panel.service.js';
import { entriesOfRound } from '../rounds/round-entries.js';
import { findRound } from '../rounds/round.repository.js';
import { categoriesOf } from '../rounds/panel/panel.repository.js';
import { closeScoringRound, decideSelection } from '../rounds/scoring/decide-selection.js';
import { setScoringConfig } from '../rounds/scoring/round-overview.js';
import { runAssignment } from '../rounds/scoring/run-assignment.js';
import { saveSheet } from '../rounds/scoring/score-sheet.js';
import { assignmentsOf } from '../rounds/scoring/scoring.repository.js';
import { createUser } from '../users/user.service.js';
import { advancedOf, demoOrganisations } from './demo.repository.js';

export const DEMO_EXPERTS = 31;
const CRITERIA = ['innovativeness', 'practicality', 'application_effect', 'promotion_prospects'] as const;
/** The reviewers' tag in the pool: the draw takes only them, not the panel chairs. */
const REVIEWER_TAG = '立功竞赛评审';

export interface Judge {
  expertId: number;
  ctx: RequestContext;
  severity: number;
}

function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** An entry's latent quality, 0–10, the same in both rounds: good entries do well with every judge. */
export function qualityOf(seed: string, applicationId: number): number {
  const rng = createRng(`${seed}-${applicationId}`);
  return Math.min(9.5, Math.max(3, 6.6 + 1.3 * gauss(rng)));
}

/**
 * The 31 reviewers (the demo's `expert` login is the first) and the three panel chairs
 * (academicians; the demo's `chair` login leads the first panel), all in the expert pool.
 */
export async function seedJudges(
  store: Store, office: RequestContext, password: string, existing: { expert?: number; chair?: number },
): Promise<{ reviewers: Judge[]; chairs: Judge[] }> {
  const rng = createRng('competition-2019-judges');
  const orgs = (await demoOrganisations(store.db, { limit: 400 })).map((o) => ({ uscc: o.uscc, name: o.name }));
  const fields = syntheticExperts({ count: DEMO_EXPERTS + 3, seed: 'competition-2019-experts', organisations: orgs, asOf: '2019-06-01' });
  const judges: Judge[] = [];
  for (const [i, f] of fields.entries()) {
    const chair = i >= DEMO_EXPERTS;
    const reuse = chair ? (i === DEMO_EXPERTS ? existing.chair : undefined) : (i === 0 ? existing.expert : undefined);
    const userId = reuse ?? (await createUser(store, office, {
      username: chair ? `chair${i - DEMO_EXPERTS + 1}` : `expert${String(i + 1).padStart(2, '0')}`,
      displayName: chair ? `${f.name}院士` : f.name, role: chair ? 'chair' : 'expert', password,
    })).id;
    const expert = await createExpert(store, office, {
      ...f, professionalTitle: chair ? '中国科学院院士' : f.professionalTitle, available: true, unavailable: [], userId,
      tags: chair ? f.tags : [...f.tags, REVIEWER_TAG],
    }, { isDemo: true });
    judges.push({
      expertId: expert.id, severity: chair ? 0 : 0.5 * gauss(rng),
      ctx: { ...office, actor: { id: userId, name: f.name, role: chair ? 'chair' : 'expert', organisationUscc: null } },
    });
  }
  return { reviewers: judges.slice(0, DEMO_EXPERTS), chairs: judges.slice(DEMO_EXPERTS) };
}

const halfPoints = (x: number) => Math.min(10, Math.max(0, Math.round(x * 2) / 2));

/** The expert review: random draw with avoidance and reserves, four criteria, the proposal per quota. */
export async function replayScoring(
  store: Store, office: RequestContext, roundId: number, reviewers: Judge[],
): Promise<{ assigned: number; sheets: number; advanced: number; perCategory: Record<string, number> }> {
  const rng = createRng('competition-2019-scores');
  await setScoringConfig(store, office, roundId, {
    rubric: { criteria: DEFAULT_CRITERIA }, blind: true, scoresVisibleToExpertsBeforeClose: false,
    resultsVisibleToExpertsAfterClose: false,
    assignment: { mode: 'random', perEntry: 5, minLoad: 0, maxLoad: 60, reserves: 2, seed: '2019-09-16', expertTags: [REVIEWER_TAG] },
    aggregate: 'mean', calibration: 'zscore', ties: 'break_by_criteria', bootstrap: { replicates: 300, seed: '2019-09-30', level: 0.9 },
  });
  await runAssignment(store, office, roundId);
  const active = (await assignmentsOf(store.db, roundId)).filter((a) => a.status === 'active');
  const byExpert = new Map(reviewers.map((r) => [r.expertId, r]));
  for (const a of active) {
    const judge = byExpert.get(a.expert_id)!;
    const q = qualityOf('competition-2019', a.application_id);
    const scores = Object.fromEntries(CRITERIA.map((c) => [c, halfPoints(q + judge.severity + 0.7 * gauss(rng))]));
    await saveSheet(store, judge.ctx, a.id, { scores, comments: {}, comment: '' }, true);
  }
  await decideSelection(store, office, roundId, {});
  const closed = await closeScoringRound(store, office, roundId);
  const perCategory: Record<string, number> = {};
  for (const a of await advancedOf(store.db, roundId)) perCategory[a.category ?? ''] = (perCategory[a.category ?? ''] ?? 0) + 1;
  return { assigned: active.length, sheets: active.length, advanced: closed.advanced, perCategory };
}

/** The final: one panel per category, an academician in the chair, presentations, marks, sign-off. */
export async function replayPanels(
  store: Store, office: RequestContext, roundId: number, reviewers: Judge[], chairs: Judge[],
): Promise<{ selected: number; perCategory: Record<string, number>; tieBreaks: number }> {
  const rng = createRng('competition-2019-panels');
  const round = await findRound(store.db, roundId);
  if (!round) throw new KepingError('NOT_FOUND', { status: 404 });
  const entries = await entriesOfRound(store.db, round);
  const apps = (await categoriesOf(store.db, entries)).sort((a, b) => a.id - b.id);
  const perCategory: Record<string, number> = {};
  let tieBreaks = 0;
  for (const [p, category] of ['ic', 'ai', 'bio'].entries()) {
    const chair = chairs[p]!;
    const members = reviewers.slice(4 * p, 4 * p + 4);
    const { id: panelId } = await createPanel(store, office, roundId, {
      category, chairExpertId: chair.expertId, memberExpertIds: members.map((m) => m.expertId),
    });
    const own = apps.filter((a) => a.category === category);
    await setSchedule(store, office, panelId, {
      slots: own.map((a, i) => ({
        applicationId: a.id, room: `${p + 1}号会议室`,
        startsAt: `2019-10-${String(24 + Math.floor(i / 24)).padStart(2, '0')} ${String(9 + Math.floor((i % 24) / 3)).padStart(2, '0')}:${String(20 * (i % 3)).padStart(2, '0')}`,
      })),
    });
    for (const judge of [chair, ...members]) {
      for (const a of own) {
        const mark = Math.round(10 * Math.min(100, Math.max(0, 10 * qualityOf('competition-2019', a.id) + 6 * judge.severity + 5 * gauss(rng)))) / 10;
        await markEntry(store, judge.ctx, panelId, { applicationId: a.id, score: mark });
      }
    }
    try {
      await signOffPanel(store, chair.ctx, panelId, { note: '' });
    } catch (error) {
      if (!(error instanceof KepingError) || error.code !== 'PANEL_TIE_UNRESOLVED') throw error;
      // Tied at the edge: the chair admits those of them the expert review ranked first.
      const { panel, round: r } = await findPanel(store.db, panelId);
      const tie = (await rankingOf(store.db, panel, r)).tie!;
      const order = tie.applicationIds.slice().sort((x, y) => qualityOf('competition-2019', y) - qualityOf('competition-2019', x));
      await signOffPanel(store, chair.ctx, panelId, { tieBreak: order.slice(0, tie.places), note: '并列者按专家评审成绩取舍' });
      tieBreaks++;
    }
  }
  await closePanelRound(store, office, roundId);
  const selected = await advancedOf(store.db, roundId);
  for (const s of selected) perCategory[s.category ?? ''] = (perCategory[s.category ?? ''] ?? 0) + 1;
  return { selected: selected.length, perCategory, tieBreaks };
}
