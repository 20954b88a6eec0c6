/**
 * An evaluation of current holders (复核评价) takes no applications: its entries are the holders of a
 * title (and tier) on a day, drawn by the office into the program's pool. Each becomes a pool entry
 * (an applications row with origin 'pool', submitted, named after the organisation) whose source
 * says which title it held on which day. Drawing again adds only the holders not yet in the pool.
 */
import { type DesignationTitle, isTierOf, KepingError, presetOf, PROGRAM_TYPES, type ProgramType } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { holdersWithNames } from '../designations/designation.repository.js';
import { insertPoolEntries, poolUsccs } from './application.repository.js';
import { findProgramRow, roundsOf } from './program.repository.js';

export interface HolderDraw {
  title: DesignationTitle;
  tier?: string | undefined;
  /** YYYY-MM-DD, Shanghai calendar day. */
  on: string;
}

export async function drawHolders(store: Store, ctx: RequestContext, programId: number, draw: HolderDraw): Promise<{ added: number; already: number; holders: number }> {
  if (draw.tier !== undefined && !isTierOf(draw.title, draw.tier)) {
    throw KepingError.fromFieldErrors([{ code: 'DESIGNATION_FILTER', field: 'tier', params: { value: `${draw.title}:${draw.tier}` } }]);
  }
  return mutate(store, ctx, async ({ trx, audit }) => {
    const program = await findProgramRow(trx, programId);
    if (!program) throw new KepingError('NOT_FOUND', { status: 404 });
    const type = (PROGRAM_TYPES as readonly string[]).includes(program.type) ? presetOf(program.type as ProgramType) : undefined;
    if (type?.pool !== 'holders') throw new KepingError('PROGRAM_NOT_HOLDER_POOL', { params: { type: program.type }, status: 409 });
    const first = (await roundsOf(trx, programId))[0];
    if (first && first.status !== 'pending') throw new KepingError('ROUND_STARTED', { params: { key: first.key }, status: 409 });
    const holders = await holdersWithNames(trx, { title: draw.title, tier: draw.tier, day: draw.on });
    const present = await poolUsccs(trx, programId);
    const fresh = holders.filter((h) => !present.has(h.uscc));
    const at = ctx.now().toISOString();
    const sources = JSON.stringify([`designation:${draw.title}${draw.tier ? `:${draw.tier}` : ''}@${draw.on}`]);
    await insertPoolEntries(trx, programId, fresh, sources, ctx.actor.id, at);
    const result = { added: fresh.length, already: holders.length - fresh.length, holders: holders.length };
    await audit({
      action: 'program.pool.holders', subjectType: 'program', subjectId: String(programId), after: { ...draw, ...result },
    });
    return result;
  });
}
