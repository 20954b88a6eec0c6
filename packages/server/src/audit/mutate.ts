/**
 * The one way to change data: `mutate` opens a transaction, lets the work write through repositories,
 * and refuses to commit unless the work left at least one audit entry (`m.audit(…)`) for what it wrote.
 * A mutate inside another joins it (same transaction, same trail), so services compose.
 */
import type { Transaction } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Dialect, Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { type AuditInput, appendAudit } from './audit.repository.js';
import { auditScope, type MutationScope, UnauditedWriteError } from './audit-guard.js';
import { sealAudit } from './sealer.js';
import { noteCommittedWrite } from './write-clock.js';

export interface Mutation {
  trx: Transaction<Database>;
  dialect: Dialect;
  ctx: RequestContext;
  /** Records an audit entry in this transaction (on PostgreSQL chained onto the trail right after the commit). */
  audit(input: AuditInput): Promise<void>;
}

function mutation(scope: MutationScope, dialect: Dialect, ctx: RequestContext): Mutation {
  return {
    trx: scope.trx,
    dialect,
    ctx,
    audit: async (input) => {
      if ((await appendAudit(scope.trx, dialect, ctx, input)) === 'pending') scope.pending++;
      scope.audits++;
    },
  };
}

function reportSealFailure(error: unknown): void {
  process.stderr.write(`${JSON.stringify({ level: 50, msg: 'audit seal failed; the next write retries it', err: error instanceof Error ? error.message : String(error) })}\n`);
}

export async function mutate<T>(store: Store, ctx: RequestContext, work: (m: Mutation) => Promise<T>): Promise<T> {
  const outer = auditScope.getStore();
  if (outer?.kind === 'mutation') return work(mutation(outer, store.dialect, ctx));
  let pending = 0;
  const result = await store.db.transaction().execute((trx) => {
    const scope: MutationScope = { kind: 'mutation', trx, writes: new Set(), audits: 0, pending: 0 };
    return auditScope.run(scope, async () => {
      const out = await work(mutation(scope, store.dialect, ctx));
      const [table] = scope.writes;
      if (table !== undefined && scope.audits === 0) throw new UnauditedWriteError(table);
      pending = scope.pending;
      return out;
    });
  });
  noteCommittedWrite(store);
  // The change is committed with its entry either way; a failed seal is retried by the next one.
  if (pending > 0) await sealAudit(store).catch(reportSealFailure);
  return result;
}
