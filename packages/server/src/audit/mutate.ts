/**
 * The one way to change data: `mutate` opens a transaction, lets the work write through repositories,
 * and refuses to commit unless the work left at least one audit entry (`m.audit(…)`) for what it wrote.
 * A mutate inside another joins it (same transaction, same trail), so services compose.
 */
import type { Transaction } from 'kysely';
import type { RequestContext } from '../context.js';
import type { Dialect, Store } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { type AuditEntry, type AuditInput, appendAudit } from './audit.repository.js';
import { auditScope, type MutationScope, UnauditedWriteError } from './audit-guard.js';
import { noteCommittedWrite } from './write-clock.js';

export interface Mutation {
  trx: Transaction<Database>;
  dialect: Dialect;
  ctx: RequestContext;
  /** Appends an audit entry in this transaction. */
  audit(input: AuditInput): Promise<AuditEntry>;
}

function mutation(scope: MutationScope, dialect: Dialect, ctx: RequestContext): Mutation {
  return {
    trx: scope.trx,
    dialect,
    ctx,
    audit: async (input) => {
      const entry = await appendAudit(scope.trx, dialect, ctx, input);
      scope.audits++;
      return entry;
    },
  };
}

export async function mutate<T>(store: Store, ctx: RequestContext, work: (m: Mutation) => Promise<T>): Promise<T> {
  const outer = auditScope.getStore();
  if (outer?.kind === 'mutation') return work(mutation(outer, store.dialect, ctx));
  const result = await store.db.transaction().execute((trx) => {
    const scope: MutationScope = { kind: 'mutation', trx, writes: new Set(), audits: 0 };
    return auditScope.run(scope, async () => {
      const out = await work(mutation(scope, store.dialect, ctx));
      const [table] = scope.writes;
      if (table !== undefined && scope.audits === 0) throw new UnauditedWriteError(table);
      return out;
    });
  });
  noteCommittedWrite(store);
  return result;
}
