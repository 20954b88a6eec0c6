/** Table types of migrations 0014 (signed checkpoints of the audit trail) and 0018 (entries waiting to be chained). */
import type { Generated } from 'kysely';

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
export interface AuditPendingTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: string | null;
  after: string | null;
  ip: string | null;
}

export interface AuditTables {
  audit_checkpoints: AuditCheckpointTable;
  audit_pending: AuditPendingTable;
}
