/** Table types of migrations 0014 (signed checkpoints of the audit trail) and 0018 (entries waiting to be chained). */
import type { Generated } from 'kysely';
import type { AuditLogTable } from './schema.js';

export interface AuditCheckpointTable {
  id: Generated<number>;
  /** The audit entry the checkpoint vouches for (the head when it was taken). */
  sequence: number;
  hash: string;
  at: string;
  /** YYYY-MM-DD in Shanghai. */
  day: string;
  /** SPKI PEM of the Ed25519 key that signed it. */
  public_key: string;
  /** Base64 Ed25519 signature of the checkpoint's canonical text. */
  signature: string;
}

/** Migration 0018: an entry committed with its change, not yet chained (audit/sealer.ts moves it to audit_log). */
export type AuditPendingTable = Omit<AuditLogTable, 'id' | 'prev_hash' | 'hash'> & { id: Generated<number> };

export interface AuditTables {
  audit_checkpoints: AuditCheckpointTable;
  audit_pending: AuditPendingTable;
}
