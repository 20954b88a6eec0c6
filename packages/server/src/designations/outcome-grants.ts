/**
 * Outcomes grant designations (成果认定): when a program's list becomes final, every organisation
 * listed under an outcome that grants a title receives it (or has it renewed, possibly in another
 * tier), dated the Shanghai day of finalisation, with the program and the publication as the decision.
 */
import { type ProgramOutcome, shanghaiDay } from '@keping/core';
import type { Mutation } from '../audit/mutate.js';
import { findProgramRow } from '../programs/program.repository.js';
import { listedAchievementHolders } from '../publication/publication.repository.js';
import { grantIn } from './designation.service.js';

/** How a publication is named as the decision behind a grant; the web shows it as a label. */
export function publicationDecisionRef(publicationId: number): string {
  return `publication:${publicationId}`;
}

/** Grants the first outcome's designation (the one the list's achievement entries carry) to every listed holder. */
export async function grantOutcomeDesignations(
  m: Pick<Mutation, 'trx' | 'ctx' | 'audit'>, programId: number, publicationId: number,
): Promise<{ title: string; tier: string; granted: number } | null> {
  const { trx, ctx } = m;
  const program = await findProgramRow(trx, programId);
  const outcome = program ? (JSON.parse(program.outcomes) as ProgramOutcome[])[0] : undefined;
  if (!outcome?.grants) return null;
  const { title, tier, validityYears } = outcome.grants;
  const day = shanghaiDay(ctx.now());
  const holders = await listedAchievementHolders(trx, publicationId);
  for (const uscc of holders) {
    await grantIn(m, {
      uscc, title, tier, grantedOn: day, programId, decisionRef: publicationDecisionRef(publicationId),
      ...(validityYears !== undefined ? { validityYears } : {}),
    });
  }
  return { title, tier, granted: holders.length };
}
