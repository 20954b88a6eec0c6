/**
 * How far a scoring round has got, per expert and per category (assigned, draft, submitted), and
 * reminders to experts with items still to score: in the app, and by e-mail to those with an address
 * when the site has an SMTP server.
 */
import { type CategoryProgress, DEFAULT_LOCALE, type ExpertProgress, isLocale, type RoundStatus, type ScoringProgress } from '@keping/core';
import type { Kysely } from 'kysely';
import { mutate } from '../../audit/mutate.js';
import type { RequestContext } from '../../context.js';
import type { Store } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { siteUrl } from '../../http/site-url.js';
import { queueMail } from '../../mail/mail.js';
import { notify } from '../../notifications/notification.service.js';
import { expertsByIds, expertsWithEmail } from './assignment.repository.js';
import { loadScoringRound } from './scoring-round.js';
import { applicationsById, assignmentsOf, roundParams, sheetsOf } from './scoring.repository.js';

export async function roundProgress(db: Kysely<Database>, roundId: number): Promise<ScoringProgress> {
  const s = await loadScoringRound(db, roundId);
  const rows = await assignmentsOf(db, roundId);
  const sheets = new Map((await sheetsOf(db, roundId)).map((x) => [x.assignment_id, x.status]));
  const expertIds = [...new Set(rows.map((r) => r.expert_id))];
  const experts = await expertsByIds(db, expertIds);
  const apps = new Map((await applicationsById(db, [...new Set(rows.map((r) => r.application_id))])).map((a) => [a.id, a]));
  const byExpert = new Map<number, ExpertProgress>(experts.map((e) => [e.id, {
    expertId: e.id, name: e.name, userId: e.user_id, assigned: 0, draft: 0, submitted: 0, pending: 0, recused: 0,
  }]));
  const byCategory = new Map<string | null, CategoryProgress & { open: Set<number>; all: Set<number> }>();
  for (const r of rows) {
    const e = byExpert.get(r.expert_id);
    if (!e) continue;
    if (r.status === 'recused') e.recused++;
    if (r.status !== 'active') continue;
    const sheet = sheets.get(r.id);
    e.assigned++;
    if (sheet === 'draft') e.draft++;
    else if (sheet === 'submitted') e.submitted++;
    else e.pending++;
    const category = apps.get(r.application_id)?.category ?? null;
    let c = byCategory.get(category);
    if (!c) {
      c = { category, entries: 0, assigned: 0, draft: 0, submitted: 0, completeEntries: 0, open: new Set(), all: new Set() };
      byCategory.set(category, c);
    }
    c.assigned++;
    c.all.add(r.application_id);
    if (sheet === 'draft') c.draft++;
    if (sheet === 'submitted') c.submitted++;
    else c.open.add(r.application_id);
  }
  return {
    roundId, status: s.round.status as RoundStatus,
    experts: [...byExpert.values()].sort((a, b) => a.expertId - b.expertId),
    categories: [...byCategory.values()].map(({ open, all, ...c }) => ({ ...c, entries: all.size, completeEntries: all.size - open.size })),
    totals: {
      assigned: rows.filter((r) => r.status === 'active').length,
      submitted: [...sheets.values()].filter((x) => x === 'submitted').length,
      draft: [...sheets.values()].filter((x) => x === 'draft').length,
    },
  };
}

/** Notifies each expert (or those listed) who still has unsubmitted items; returns who was reminded. */
export async function remindExperts(store: Store, ctx: RequestContext, roundId: number, expertIds?: number[]) {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const progress = await roundProgress(trx, roundId);
    const s = await loadScoringRound(trx, roundId);
    const wanted = expertIds ? new Set(expertIds) : undefined;
    const due = progress.experts.filter((e) => e.assigned - e.submitted > 0 && e.userId !== null && (!wanted || wanted.has(e.expertId)));
    const at = ctx.now().toISOString();
    for (const e of due) await notify(trx, [e.userId as number], 'scoring.reminder', { ...roundParams(s.round), count: e.assigned - e.submitted }, at);
    const reminded = due.map((e) => ({ expertId: e.expertId, name: e.name, outstanding: e.assigned - e.submitted }));
    const emailed = await queueMail(trx, ctx, await mailRecipients(trx, due, s.round), 'scoring.reminder');
    await audit({
      action: 'scoring.remind', subjectType: 'round', subjectId: String(roundId), after: { reminded: reminded.map((r) => r.expertId), emailed },
    });
    return { reminded, emailed };
  });
}

/** The reminded experts who have an e-mail address, each with the message's parameters in their language. */
async function mailRecipients(db: Kysely<Database>, due: ExpertProgress[], round: Parameters<typeof roundParams>[0]) {
  if (due.length === 0) return [];
  const rows = await expertsWithEmail(db, due.map((e) => e.expertId));
  const outstanding = new Map(due.map((e) => [e.expertId, e.assigned - e.submitted]));
  return rows.map((r) => ({
    email: r.email as string, locale: isLocale(r.locale) ? r.locale : DEFAULT_LOCALE,
    params: { ...roundParams(round), name: r.name, count: outstanding.get(r.id) ?? 0, url: siteUrl('/reviews') },
  }));
}
