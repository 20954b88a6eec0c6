/** The panel round in the server: its routes and its bundle record (each category's panel, marks, recusals, signed list). */
import type { BundlePanel, ProgramCategory } from '@keping/core';
import { roundQuotas } from '../quota.js';
import type { ServerRoundKind } from '../round-kind.js';
import { panelConfigOf } from './panel-round.js';
import { marksOf, membersOf, panelsOfRound, recusalsOf, signedRanking } from './panel.repository.js';
import { panelRoutes } from './panel.routes.js';

export const panelKind: ServerRoundKind<'panel'> = {
  kind: 'panel',
  routes: (store) => panelRoutes(store),
  async bundleRound(db, r, program) {
    const quotas = roundQuotas(JSON.parse(program.categories) as ProgramCategory[], r.key);
    const panels = await panelsOfRound(db, r.id);
    const out: BundlePanel['panels'] = [];
    for (const p of panels) {
      const results = p.status === 'signed_off' ? await signedRanking(db, p.id) : null;
      out.push({
        id: p.id, category: p.category, quota: quotas[p.category] ?? null, members: await membersOf(db, p.id),
        marks: (await marksOf(db, p.id)).map((m) => ({ applicationId: m.applicationId, expertId: m.expertId, score: m.score, vote: m.vote })),
        recused: (await recusalsOf(db, p.id)).map((x) => ({ applicationId: x.applicationId, expertId: x.expertId })),
        selected: results ? results.filter((x) => x.selected).map((x) => x.applicationId).sort((a, b) => a - b) : null,
      });
    }
    return { kind: 'panel', roundId: r.id, key: r.key, status: r.status, mode: panelConfigOf(r).mode, panels: out };
  },
};
