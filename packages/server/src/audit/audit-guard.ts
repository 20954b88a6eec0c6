/**
 * Audit by construction: a Kysely plugin on every store refuses a write to a business table unless it
 * runs inside `mutate` (which leaves an audit entry in the same transaction) or inside an explicitly
 * named unaudited scope (migrations, tampering in tests). Nothing else can skip the trail.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode,
  Transaction, UnknownRow,
} from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Tables written without an audit entry, each for a reason. Every other table — including any table
 * added later — is guarded by default.
 */
export const UNAUDITED_TABLES: Readonly<Record<string, string>> = {
  audit_log: 'the trail itself',
  audit_head: 'the head of the trail',
  audit_pending: 'entries waiting to be chained into the trail (written by mutate itself)',
  audit_checkpoints: 'signed copies of the head of the trail',
  jobs: 'queue bookkeeping (claim, progress, result); the writes a job makes are audited',
  sessions: 'a login session is a credential, not a decision; log-in and log-out are audited',
  login_attempts: 'the rate-limit log of attempts',
  notifications: 'the outbox of mails a decision queues; the decision is audited',
  kysely_migration: 'the migrator',
  kysely_migration_lock: 'the migrator',
};

export interface MutationScope {
  kind: 'mutation';
  trx: Transaction<Database>;
  /** Guarded tables written so far. */
  writes: Set<string>;
  audits: number;
  /** Entries left for the sealer (PostgreSQL). */
  pending: number;
}

interface UnauditedScope {
  kind: 'unaudited';
  reason: string;
}

export const auditScope = new AsyncLocalStorage<MutationScope | UnauditedScope>();

export class UnauditedWriteError extends Error {
  constructor(readonly table: string) {
    super(`write to ${table} outside mutate(): every change must leave an audit entry`);
    this.name = 'UnauditedWriteError';
  }
}

/** Runs `work` where guarded writes are allowed without an audit entry; `reason` says why (migrations, tests). */
export function outsideAudit<T>(reason: string, work: () => Promise<T>): Promise<T> {
  return auditScope.run({ kind: 'unaudited', reason }, work);
}

function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined;
  const n = node as unknown as { kind: string; table?: { identifier?: { name?: string } }; node?: OperationNode; froms?: OperationNode[] };
  if (n.kind === 'TableNode') return n.table?.identifier?.name;
  if (n.kind === 'AliasNode') return tableName(n.node);
  if (n.kind === 'FromNode') return tableName(n.froms?.[0]);
  return undefined;
}

/** The table a query writes, or undefined for a read (schema changes are the migrator's). */
export function writtenTable(node: RootOperationNode): string | undefined {
  switch (node.kind) {
    case 'InsertQueryNode':
      return tableName(node.into) ?? '?';
    case 'UpdateQueryNode':
      return tableName(node.table) ?? '?';
    case 'DeleteQueryNode':
      return tableName(node.from) ?? '?';
    case 'MergeQueryNode':
      return tableName(node.into) ?? '?';
    case 'RawNode': {
      const m = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_]+)/i.exec(node.sqlFragments[0] ?? '');
      return m?.[1]?.toLowerCase();
    }
    default:
      return undefined;
  }
}

/** Checks each write against the current scope; installed on every store by `openStore`. */
export class AuditGuardPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const table = writtenTable(args.node);
    if (table === undefined || table in UNAUDITED_TABLES) return args.node;
    const scope = auditScope.getStore();
    if (scope?.kind === 'unaudited') return args.node;
    if (scope?.kind !== 'mutation') throw new UnauditedWriteError(table);
    scope.writes.add(table);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
