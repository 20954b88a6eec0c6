/**
 * What an expert sees (专家端): their active items and one item opened for scoring. In a blind
 * round nothing identifies the applicant: no organisation, no code, no uploader, attachments as
 * 附件1.pdf with size and SHA-256 only; the title, category and form values are shown.
 */
import {
  type AttachmentSpec, type ExpertItemSummary, type FormField, KepingError, type Locale, type RoundStatus, type Sheet, translate,
} from '@keping/core';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { ensure } from '../../policies/ensure.js';
import { canSeePeerScores } from '../../policies/scoring.policy.js';
import { activeItemsOf, activeOnEntry, filesOfEntry } from './assignment.repository.js';
import { conflictsWith, loadScoringRound, ownAssignment } from './scoring-round.js';
import {
  type AssignmentRow, applicationsById, expertOfActor, findSheet, type ScoreRow, type SheetComments,
} from './scoring.repository.js';

export function toSheet(row: ScoreRow | undefined): Sheet {
  if (!row) return { status: 'none', scores: {}, comments: {}, comment: '', submittedAt: null };
  const comments = JSON.parse(row.comments) as SheetComments;
  return {
    status: row.status as 'draft' | 'submitted', scores: JSON.parse(row.scores) as Record<string, number>,
    comments: comments.criteria, comment: comments.overall, submittedAt: row.submitted_at,
  };
}

/** The neutral label of the n-th attachment: 附件1.pdf; the extension only when it is plain. */
export function attachmentLabel(locale: Locale, n: number, originalName: string): string {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(originalName)?.[1];
  return translate(locale, 'scoring.attachment', { n, ext: ext ? `.${ext.toLowerCase()}` : '' });
}

/** Active items of the caller, without those a conflict of interest has since come to cover. */
export async function listExpertItems(db: Kysely<Database>, ctx: RequestContext): Promise<{ items: ExpertItemSummary[] }> {
  const expert = await expertOfActor(db, ctx);
  if (!expert) return { items: [] };
  const rows = await activeItemsOf(db, expert.id);
  const apps = await applicationsById(db, [...new Set(rows.map((r) => r.application_id))]);
  const conflicted = new Set((await conflictsWith(db, ctx, [expert.id], apps)).map((c) => c.applicationId));
  const byId = new Map(apps.map((a) => [a.id, a]));
  return {
    items: rows.filter((r) => !conflicted.has(r.application_id)).map((r) => ({
      assignmentId: r.id, roundId: r.round_id, roundName: { zh: r.name_zh, en: r.name_en }, roundStatus: r.roundStatus as RoundStatus,
      entryId: r.application_id, title: byId.get(r.application_id)?.title ?? '', category: byId.get(r.application_id)?.category ?? null,
      sheetStatus: (r.sheetStatus ?? 'none') as ExpertItemSummary['sheetStatus'],
    })),
  };
}

/** The caller's active, unconflicted assignment, or the refusal that fits. */
export async function scorableAssignment(db: Kysely<Database>, ctx: RequestContext, assignmentId: number) {
  const { row, expert } = await ownAssignment(db, ctx, assignmentId);
  if (row.status === 'recused') throw new KepingError('ASSIGNMENT_RECUSED', { status: 409 });
  const [app] = await applicationsById(db, [row.application_id]);
  if (!app) throw new KepingError('NOT_FOUND', { status: 404 });
  if ((await conflictsWith(db, ctx, [expert.id], [app])).length > 0) {
    throw new KepingError('ASSIGNMENT_CONFLICTED', { params: { expert: expert.name }, status: 409 });
  }
  return { row, expert, app };
}

export async function openExpertItem(db: Kysely<Database>, ctx: RequestContext, assignmentId: number) {
  const { row, app } = await scorableAssignment(db, ctx, assignmentId);
  const s = await loadScoringRound(db, row.round_id);
  const fields = JSON.parse(s.program.form_fields) as FormField[];
  const specs = JSON.parse(s.program.attachments) as AttachmentSpec[];
  const values = JSON.parse(app.form_values) as Record<string, string | number | null>;
  const files = await filesOfEntry(db, app.id);
  const category = s.categories.find((c) => c.key === app.category);
  return {
    assignmentId: row.id,
    round: { id: s.round.id, name: { zh: s.round.name_zh, en: s.round.name_en }, status: s.round.status, blind: s.config.blind },
    rubric: s.config.rubric.criteria,
    entry: {
      id: app.id, title: app.title, category: app.category, categoryName: category?.name ?? null,
      fields: fields.map((f) => ({ key: f.key, label: f.label, type: f.type, value: values[f.key] ?? null })),
      attachments: files.map((f, i) => ({
        no: i + 1, label: attachmentLabel(ctx.locale, i + 1, f.original_name),
        attachment: specs.find((x) => x.key === f.attachment_key)?.label ?? null, size: f.size, sha256: f.sha256, mime: f.mime,
      })),
      ...(s.config.blind ? {} : { applicant: { organisationName: app.organisationName, uscc: app.uscc } }),
    },
    sheet: toSheet(await findSheet(db, row.id)),
  };
}

/** The n-th attachment of an item, with the neutral name it is served under. */
export async function expertFile(db: Kysely<Database>, ctx: RequestContext, assignmentId: number, no: number) {
  const { app } = await scorableAssignment(db, ctx, assignmentId);
  const file = (await filesOfEntry(db, app.id))[no - 1];
  if (!file) throw new KepingError('NOT_FOUND', { status: 404 });
  return { sha256: file.sha256, size: file.size, mime: file.mime, name: attachmentLabel(ctx.locale, no, file.original_name) };
}

/**
 * Every submitted sheet on the caller's entry, reviewers numbered rather than named: only when the
 * round shows scores to experts (before close, or after close, as configured).
 */
export async function otherScores(db: Kysely<Database>, ctx: RequestContext, assignmentId: number) {
  const { row } = await ownAssignment(db, ctx, assignmentId);
  if (row.status === 'recused') throw new KepingError('ASSIGNMENT_RECUSED', { status: 409 });
  const s = await loadScoringRound(db, row.round_id);
  ensure(canSeePeerScores(s.round, s.config), 'forbid', 'SCORES_NOT_VISIBLE');
  const peers: AssignmentRow[] = await activeOnEntry(db, row.round_id, row.application_id);
  const sheets = await Promise.all(peers.map((p) => findSheet(db, p.id)));
  return {
    entryId: row.application_id,
    sheets: peers.flatMap((p, i) => {
      const sheet = sheets[i];
      if (sheet?.status !== 'submitted') return [];
      const { scores, comments, comment } = toSheet(sheet);
      return [{ reviewer: translate(ctx.locale, 'scoring.reviewer', { n: i + 1 }), mine: p.id === row.id, scores, comments, comment }];
    }),
  };
}
