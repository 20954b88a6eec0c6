/** The panel round in the server: its routes and its bundle record (each category's panel, marks, recusals, signed list). */
import type { BundlePanel } from '@keping/core';
import { categoryQuotas, type ServerRoundKind } from '../round-kind.js';
import { marksOf, membersOf, panelConfigOf, recusalsOf } from './panel.repository.js';
import { panelRoutes } from './panel.routes.js';

export const panelKind: ServerRoundKind<'panel'> = {
  kind: 'panel',
  routes: (store) => panelRoutes(store),
  async bundleRound(db, r, program) {
    const quotas = categoryQuotas(program, r);
    const panels = await db.selectFrom('panels').selectAll().where('round_id', '=', r.id).orderBy('category').execute();
    const out: BundlePanel['panels'] = [];
    for (const p of panels) {
      const results = p.status === 'signed_off'
        ? (await db.selectFrom('panel_results').select(['application_id', 'selected']).where('panel_id', '=', p.id).execute())
        : null;
      out.push({
        id: p.id, category: p.category, quota: quotas[p.category] ?? null, members: await membersOf(db, p.id),
        marks: (await marksOf(db, p.id)).map((m) => ({ applicationId: m.applicationId, expertId: m.expertId, score: m.score, vote: m.vote })),
        recused: (await recusalsOf(db, p.id)).map((x) => ({ applicationId: x.applicationId, expertId: x.expertId })),
        selected: results ? results.filter((x) => x.selected === 1).map((x) => x.application_id).sort((a, b) => a - b) : null,
      });
    }
    return { kind: 'panel', roundId: r.id, key: r.key, status: r.status, mode: panelConfigOf(r).mode, panels: out };
  },
};
