/**
 * Copies a program to its next cycle (下一年度): year + 1, the call window one year later in Shanghai
 * time, the cycle year in the titles moved on, rounds reset to pending, no applications. A draft.
 */
import { KepingError, type Program, shiftYears } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { findProgram, findProgramRow, insertProgram, insertRoundRows, roundsOf } from './program.repository.js';
import { programSnapshot } from './program.service.js';

export async function copyProgram(store: Store, ctx: RequestContext, id: number): Promise<Program> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const source = await findProgramRow(trx, id);
    if (!source) throw new KepingError('NOT_FOUND', { status: 404 });
    const year = source.cycle_year + 1;
    const retitle = (t: string) => t.split(String(source.cycle_year)).join(String(year));
    const at = ctx.now().toISOString();
    const copyId = await insertProgram(trx, {
      type: source.type, owner_office: source.owner_office, cycle_year: year,
      title_zh: retitle(source.title_zh), title_en: retitle(source.title_en), status: 'draft',
      opens_at: shiftYears(source.opens_at, 1), closes_at: shiftYears(source.closes_at, 1),
      allowed_kinds: source.allowed_kinds, rule_set_id: source.rule_set_id, form_fields: source.form_fields,
      attachments: source.attachments, categories: source.categories, outcomes: source.outcomes,
      copied_from: source.id, created_at: at, updated_at: at, announcement: source.announcement,
    });
    const rounds = await roundsOf(trx, id);
    await insertRoundRows(trx, rounds.map((r) => ({
      program_id: copyId, position: r.position, key: r.key, kind: r.kind, name_zh: r.name_zh, name_en: r.name_en,
      config: r.config, status: 'pending', closed_at: null,
    })));
    const copy = await findProgram(trx, copyId, ctx.now());
    await audit({
      action: 'program.copy', subjectType: 'program', subjectId: String(copy.id), before: { copiedFrom: id }, after: programSnapshot(copy),
    });
    return copy;
  });
}
