/** Table types of migration 0014: signed checkpoints of the audit trail. */
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

export interface AuditTables {
  audit_checkpoints: AuditCheckpointTable;
}
