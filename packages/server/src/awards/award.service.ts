/**
 * Award writes (奖项评定), each one audited transaction: the office defines award types with quotas,
 * nominates applications, organisations or people, and decides each nomination. Granting beyond the
 * quota is refused unless an override note says why; the note is kept with the decision.
 */
import {
  type AwardType, type AwardTypeInput, KepingError, type Nomination, type NominationDecisionInput, type NominationInput, PUBLICATION_REASON_MIN,
} from '@keping/core';
import { mutate } from '../audit/mutate.js';
import { lockRow } from '../db/locks.repository.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { findApplicationRow } from '../programs/application.repository.js';
import { findProgramRow } from '../programs/program.repository.js';
import { findOrganisation } from '../registry/organisation.repository.js';
import {
  awardKeyTaken, decidePendingNomination, findAwardType, findNomination, grantedCount, insertAwardType, insertNomination, presentNominations,
  toAwardType,
} from './award.repository.js';

export async function createAwardType(store: Store, ctx: RequestContext, programId: number, input: AwardTypeInput): Promise<AwardType> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    if (!(await findProgramRow(trx, programId))) throw new KepingError('NOT_FOUND', { status: 404 });
    if (await awardKeyTaken(trx, programId, input.key)) throw new KepingError('KEY_DUPLICATE', { field: 'key', params: { key: input.key }, status: 409 });
    const row = await insertAwardType(trx, {
      program_id: programId, key: input.key, kind: input.kind, name_zh: input.name.zh, name_en: input.name.en, quota: input.quota,
      created_at: ctx.now().toISOString(),
    });
    await audit({ action: 'award.type.create', subjectType: 'program', subjectId: String(programId), after: input });
    return toAwardType(row, 0);
  });
}

export async function nominate(store: Store, ctx: RequestContext, awardTypeId: number, input: NominationInput): Promise<Nomination> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const type = await findAwardType(trx, awardTypeId);
    const given = [input.applicationId !== undefined, input.uscc !== undefined, input.person !== undefined].filter(Boolean).length;
    if (given === 0) throw new KepingError('NOMINEE_REQUIRED', { field: 'applicationId' });
    if (given > 1) throw new KepingError('NOMINEE_AMBIGUOUS', { field: 'applicationId' });
    if (type.kind === 'individual_medal' && input.person === undefined) {
      throw new KepingError('NOMINEE_KIND', { field: 'person', params: { kind: type.kind } });
    }
    if ((type.kind === 'unit_award' || type.kind === 'organising_award') && input.person !== undefined) {
      throw new KepingError('NOMINEE_KIND', { field: 'person', params: { kind: type.kind } });
    }
    if (input.applicationId !== undefined) {
      const app = await findApplicationRow(trx, input.applicationId);
      if (!app || app.program_id !== type.program_id || app.status !== 'submitted') {
        throw new KepingError('NOMINEE_UNKNOWN', { field: 'applicationId', params: { value: input.applicationId } });
      }
    }
    const uscc = input.uscc?.toUpperCase();
    if (uscc !== undefined && !(await findOrganisation(trx, uscc))) {
      throw new KepingError('NOMINEE_UNKNOWN', { field: 'uscc', params: { value: uscc } });
    }
    const row = await insertNomination(trx, {
      award_type_id: awardTypeId, application_id: input.applicationId ?? null, uscc: uscc ?? null,
      person_name: input.person?.name ?? null, person_organisation: input.person?.organisation ?? null, note: input.note || null,
      status: 'pending', reason: null, override_note: null, decided_by: null, decided_at: null, created_at: ctx.now().toISOString(),
    });
    const [nomination] = await presentNominations(trx, [row]);
    await audit({
      action: 'award.nominate', subjectType: 'nomination', subjectId: String(row.id), after: { awardTypeId, nominee: nomination?.nominee, note: row.note },
    });
    return nomination as Nomination;
  });
}

export async function decideNomination(store: Store, ctx: RequestContext, id: number, input: NominationDecisionInput): Promise<Nomination> {
  return mutate(store, ctx, async (m) => {
    const { trx, audit } = m;
    const found = await findNomination(trx, id);
    if (!found) throw new KepingError('NOT_FOUND', { status: 404 });
    // One decision per award type at a time: the quota count below must include a grant decided in parallel.
    await lockRow(m, 'award_types', found.award_type_id);
    const row = (await findNomination(trx, id)) ?? found;
    if (row.status !== 'pending') throw new KepingError('NOMINATION_DECIDED', { params: { status: row.status }, status: 409 });
    const type = await findAwardType(trx, row.award_type_id);
    if (input.outcome === 'declined' && [...input.reason].length < PUBLICATION_REASON_MIN) {
      throw new KepingError('REASON_REQUIRED', { field: 'reason', params: { min: PUBLICATION_REASON_MIN } });
    }
    let overrideNote: string | null = null;
    if (input.outcome === 'granted') {
      const granted = await grantedCount(trx, type.id);
      if (granted >= type.quota) {
        const note = input.overrideNote ?? '';
        if ([...note].length < PUBLICATION_REASON_MIN) {
          throw new KepingError('AWARD_QUOTA_FULL', { field: 'overrideNote', params: { quota: type.quota, granted, min: PUBLICATION_REASON_MIN }, status: 409 });
        }
        overrideNote = note;
      }
    }
    const values = {
      status: input.outcome, reason: input.reason || null, override_note: overrideNote, decided_by: ctx.actor.id, decided_at: ctx.now().toISOString(),
    };
    if (!(await decidePendingNomination(trx, id, values))) throw new KepingError('NOMINATION_DECIDED', { params: { status: 'decided' }, status: 409 });
    await audit({
      action: overrideNote ? 'award.override' : 'award.decide', subjectType: 'nomination', subjectId: String(id),
      before: { status: row.status }, after: { status: values.status, reason: values.reason, overrideNote, quota: type.quota },
    });
    const [nomination] = await presentNominations(trx, [{ ...row, ...values }]);
    return nomination as Nomination;
  });
}
