/**
 * Objections (异议): filed by a named person only inside the announcement period, investigated and
 * resolved by the office with reasons. An upheld objection changes the list through a recorded
 * decision (the entry removed or its outcome changed) written and audited with the resolution.
 */
import {
  KepingError, type ObjectionInput, type ObjectionInvestigationInput, type ObjectionResolutionInput, PUBLICATION_REASON_MIN,
} from '@keping/core';
import type { Kysely } from 'kysely';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { ensure } from '../policies/ensure.js';
import { canReadPublicly, takesObjections } from '../policies/publication.policy.js';
import {
  claimObjection, entryOf, insertDecision, insertObjection, objectionsFiledSince, updateEntry, updateObjection,
} from './objection.repository.js';
import { findObjection, findPublication, type PublicationRow, toObjection } from './publication.repository.js';

export interface Evidence {
  sha256: string;
  size: number;
  name: string;
  mime: string;
}

/** Refuses unless the publication takes objections now: a translated error naming the period. */
export async function assertObjectionsOpen(db: Kysely<Database>, ctx: RequestContext, publicationId: number): Promise<PublicationRow> {
  const now = ctx.now();
  const row = await findPublication(db, publicationId);
  ensure(canReadPublicly(ctx.actor, row, now), 'hide');
  if (!takesObjections(row, now)) {
    throw new KepingError('OBJECTION_PERIOD_OVER', { params: { startDate: row.start_date ?? '', endDate: row.end_date ?? '' }, status: 409 });
  }
  return row;
}

/** How many objections one address may file on one publication in an hour: KEPING_OBJECTIONS_PER_HOUR, 10 by default. */
function objectionsPerHour(): number {
  const n = Number(process.env.KEPING_OBJECTIONS_PER_HOUR ?? 10);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/**
 * Refuses a public objection from an address that has filed the hour's allowance on this publication
 * already, so that the form cannot be used to flood the office. Counted in the database, so it holds
 * across server processes. Behind a reverse proxy, set KEPING_TRUST_PROXY=1 so the address is the visitor's.
 */
export async function assertObjectionAllowance(db: Kysely<Database>, publicationId: number, ctx: RequestContext): Promise<void> {
  if (ctx.ip === null) return;
  const limit = objectionsPerHour();
  const since = new Date(ctx.now().getTime() - 3600_000).toISOString();
  if ((await objectionsFiledSince(db, publicationId, ctx.ip, since)) >= limit) throw new KepingError('OBJECTION_RATE_LIMITED', { params: { limit }, status: 429 });
}

export async function fileObjection(store: Store, ctx: RequestContext, publicationId: number, input: ObjectionInput, evidence: Evidence | null) {
  return mutate(store, ctx, async ({ trx, audit }) => {
    await assertObjectionsOpen(trx, ctx, publicationId);
    await assertObjectionAllowance(trx, publicationId, ctx);
    if (input.entryId !== undefined) {
      const entry = await entryOf(trx, publicationId, input.entryId);
      if (!entry || entry.status !== 'listed') throw new KepingError('OBJECTION_ENTRY_UNKNOWN', { field: 'entryId', params: { id: input.entryId } });
    }
    const row = await insertObjection(trx, {
      publication_id: publicationId, entry_id: input.entryId ?? null, name: input.name, contact: input.contact,
      organisation: input.organisation || null, grounds: input.grounds, evidence_sha256: evidence?.sha256 ?? null,
      evidence_name: evidence?.name.slice(0, 300) ?? null, evidence_mime: evidence?.mime.slice(0, 100) ?? null, evidence_size: evidence?.size ?? null,
      status: 'open', investigation_note: null, resolution_reason: null, resolved_by: null, resolved_at: null,
      filed_at: ctx.now().toISOString(), filed_ip: ctx.ip,
    });
    // The trail names the objector but keeps their contact details out of the append-only log.
    await audit({
      action: 'objection.file', subjectType: 'objection', subjectId: String(row.id),
      after: { publicationId, entryId: row.entry_id, name: row.name, organisation: row.organisation, evidenceSha256: row.evidence_sha256 },
    });
    return { id: row.id, status: row.status, filedAt: row.filed_at, evidenceSha256: row.evidence_sha256 };
  });
}

function assertUnresolved(status: string): void {
  if (status === 'upheld' || status === 'dismissed') throw new KepingError('OBJECTION_RESOLVED', { params: { status }, status: 409 });
}

export async function investigate(store: Store, ctx: RequestContext, id: number, input: ObjectionInvestigationInput) {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await findObjection(trx, id);
    assertUnresolved(row.status);
    await updateObjection(trx, id, { status: 'investigating', investigation_note: input.note });
    await audit({
      action: 'objection.investigate', subjectType: 'objection', subjectId: String(id),
      before: { status: row.status, note: row.investigation_note }, after: { status: 'investigating', note: input.note },
    });
    return toObjection({ ...row, status: 'investigating', investigation_note: input.note });
  });
}

export async function resolveObjection(store: Store, ctx: RequestContext, id: number, input: ObjectionResolutionInput) {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const row = await findObjection(trx, id);
    assertUnresolved(row.status);
    const publication = await findPublication(trx, row.publication_id);
    if (publication.status !== 'published') throw new KepingError('PUBLICATION_NOT_PUBLISHED', { params: { status: publication.status }, status: 409 });
    if ([...input.reason].length < PUBLICATION_REASON_MIN) throw new KepingError('REASON_REQUIRED', { field: 'reason', params: { min: PUBLICATION_REASON_MIN } });
    if (input.outcome === 'dismissed' && input.decision) throw new KepingError('OBJECTION_DECISION_NOT_ALLOWED', { field: 'decision' });
    if (input.outcome === 'upheld' && !input.decision) throw new KepingError('REQUIRED', { field: 'decision' });
    const at = ctx.now().toISOString();
    // Claimed first, conditionally: of parallel resolutions only one changes the list.
    const claimed = await claimObjection(trx, id, { status: input.outcome, resolution_reason: input.reason, resolved_by: ctx.actor.id, resolved_at: at });
    if (!claimed) throw new KepingError('OBJECTION_RESOLVED', { params: { status: input.outcome }, status: 409 });
    let decision: { id: number; entryId: number; action: string; before: unknown; after: unknown } | null = null;
    if (input.decision) {
      const entryId = input.decision.entryId ?? row.entry_id;
      const entry = entryId === null ? undefined : await entryOf(trx, row.publication_id, entryId);
      if (!entry || entry.status !== 'listed') {
        throw new KepingError('OBJECTION_ENTRY_UNKNOWN', { field: 'decision.entryId', params: { id: entryId ?? '' } });
      }
      const before = { status: entry.status, outcome: { zh: entry.outcome_zh, en: entry.outcome_en } };
      const after = input.decision.action === 'remove'
        ? { status: 'removed', outcome: before.outcome }
        : { status: entry.status, outcome: input.decision.outcome };
      await updateEntry(trx, entry.id, { status: after.status, outcome_zh: after.outcome.zh, outcome_en: after.outcome.en });
      const decisionId = await insertDecision(trx, {
        objection_id: id, entry_id: entry.id, action: input.decision.action, before: JSON.stringify(before), after: JSON.stringify(after),
        decided_by: ctx.actor.id, decided_at: at,
      });
      decision = { id: decisionId, entryId: entry.id, action: input.decision.action, before, after };
      await audit({
        action: input.decision.action === 'remove' ? 'publication.entry.remove' : 'publication.entry.change',
        subjectType: 'publication_entry', subjectId: String(entry.id), before, after: { ...after, objectionId: id, decisionId },
      });
    }
    await audit({
      action: input.outcome === 'upheld' ? 'objection.uphold' : 'objection.dismiss', subjectType: 'objection', subjectId: String(id),
      before: { status: row.status }, after: { status: input.outcome, reason: input.reason, decisionId: decision?.id ?? null },
    });
    return { ...toObjection({ ...row, status: input.outcome, resolution_reason: input.reason, resolved_by: ctx.actor.id, resolved_at: at }), decision };
  });
}
