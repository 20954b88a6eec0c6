/**
 * Programs (项目) and their calls: created and edited by the office. Every write is one transaction
 * with its audit entry; a program's rounds are matched by key, and a round that has started cannot
 * be removed or change kind.
 */
import { checkProgram, KepingError, type Program, type ProgramInput } from '@keping/core';
import type { Kysely } from 'kysely';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import type { Database, ProgramTable } from '../db/schema.js';
import { serverRoundKind } from '../rounds/registry.js';
import { deleteRound, findProgram, insertProgram, insertRoundRows, roundsOf, updateProgramRow, updateRound } from './program.repository.js';

type ProgramColumns = Omit<ProgramTable, 'id' | 'created_at' | 'updated_at' | 'copied_from' | 'announcement'> & { announcement: number };

/** The columns of a checked program, or every problem of it as one error. */
export function programColumns(input: ProgramInput): ProgramColumns {
  const checked = checkProgram(input);
  if (checked.errors.length > 0 || !checked.opensAt || !checked.closesAt) throw KepingError.fromFieldErrors(checked.errors);
  return {
    type: input.type, owner_office: input.ownerOffice.trim(), cycle_year: input.cycleYear,
    title_zh: input.title.zh.trim(), title_en: input.title.en.trim(), status: input.status, announcement: input.announcement ? 1 : 0,
    opens_at: checked.opensAt, closes_at: checked.closesAt,
    allowed_kinds: JSON.stringify(input.call.allowedKinds), rule_set_id: input.call.ruleSetId,
    form_fields: JSON.stringify(input.call.fields), attachments: JSON.stringify(input.call.attachments),
    categories: JSON.stringify(input.categories), outcomes: JSON.stringify(input.outcomes),
  };
}

/** What the audit trail keeps of a program: its definition, not its bookkeeping. */
export function programSnapshot(p: Program): Record<string, unknown> {
  return {
    type: p.type, ownerOffice: p.ownerOffice, cycleYear: p.cycleYear, title: p.title, status: p.status, announcement: p.announcement,
    call: { ...p.call, isOpen: undefined, opensAtShanghai: undefined, closesAtShanghai: undefined },
    rounds: p.rounds.map((r) => ({ key: r.key, kind: r.kind, name: r.name, config: r.config })),
    categories: p.categories, outcomes: p.outcomes, copiedFrom: p.copiedFrom,
  };
}

/** A new program's rounds, pending, in the given order. */
export async function insertRounds(db: Kysely<Database>, programId: number, rounds: ProgramInput['rounds']): Promise<void> {
  await insertRoundRows(db, rounds.map((r, i) => ({
    program_id: programId, position: i + 1, key: r.key, kind: r.kind, name_zh: r.name.zh.trim(), name_en: r.name.en.trim(),
    config: JSON.stringify(r.config), status: 'pending', closed_at: null,
  })));
}

export async function createProgram(store: Store, ctx: RequestContext, input: ProgramInput): Promise<Program> {
  const columns = programColumns(input);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const at = ctx.now().toISOString();
    const id = await insertProgram(trx, { ...columns, copied_from: null, created_at: at, updated_at: at });
    await insertRounds(trx, id, input.rounds);
    const program = await findProgram(trx, id, ctx.now());
    await audit({
      action: 'program.create', subjectType: 'program', subjectId: String(program.id), after: programSnapshot(program),
    });
    return program;
  });
}

export async function updateProgram(store: Store, ctx: RequestContext, id: number, input: ProgramInput): Promise<Program> {
  const columns = programColumns(input);
  return mutate(store, ctx, async ({ trx, audit }) => {
    const before = await findProgram(trx, id, ctx.now());
    const existing = await roundsOf(trx, id);
    const wanted = new Map(input.rounds.map((r, i) => [r.key, { round: r, position: i + 1 }]));
    for (const old of existing) {
      const next = wanted.get(old.key);
      if (old.status !== 'pending' && (!next || next.round.kind !== old.kind)) {
        const index = input.rounds.findIndex((r) => r.key === old.key);
        throw KepingError.fromFieldErrors([{ code: 'ROUND_STARTED', field: index >= 0 ? `rounds.${index}.kind` : 'rounds', params: { key: old.key } }], 409);
      }
    }
    for (const old of existing) {
      const next = wanted.get(old.key);
      if (!next) {
        await deleteRound(trx, old.id);
        continue;
      }
      await updateRound(trx, old.id, {
        position: next.position, kind: next.round.kind, name_zh: next.round.name.zh.trim(), name_en: next.round.name.en.trim(),
        config: JSON.stringify(next.round.config),
      });
      if (JSON.stringify(next.round.config) !== old.config) await serverRoundKind(old.kind).configChanged?.(trx, old);
    }
    const known = new Set(existing.map((r) => r.key));
    const added = input.rounds.map((r, i) => ({ r, position: i + 1 })).filter((x) => !known.has(x.r.key));
    await insertRoundRows(trx, added.map(({ r, position }) => ({
      program_id: id, position, key: r.key, kind: r.kind, name_zh: r.name.zh.trim(), name_en: r.name.en.trim(),
      config: JSON.stringify(r.config), status: 'pending', closed_at: null,
    })));
    await updateProgramRow(trx, id, { ...columns, updated_at: ctx.now().toISOString() });
    const after = await findProgram(trx, id, ctx.now());
    await audit({
      action: 'program.update', subjectType: 'program', subjectId: String(id), before: programSnapshot(before), after: programSnapshot(after),
    });
    return after;
  });
}
