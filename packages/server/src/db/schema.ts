/** Table types for Kysely. Times are ISO-8601 UTC strings and booleans 0/1 on both databases. */
import type { Generated } from 'kysely';

export interface OrganisationTable {
  uscc: string;
  name: string;
  kind: string | null;
  district: string | null;
  industry_code: string | null;
  established: string | null;
  listing: string | null;
  /** Effective and derived memberships, stored as ",a,b," so a filter is one LIKE. */
  groups: string;
  talent_fields: string;
  derived_groups: string;
  derived_talent_fields: string;
  groups_override: string | null;
  talent_fields_override: string | null;
  contacts: string;
  is_demo: number;
  import_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  organisation_uscc: string | null;
  password_hash: string;
  locale: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  ip: string;
  username: string;
  success: number;
  at: string;
}

export interface AuditLogTable {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: string | null;
  after: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** One row: the newest entry, so deleting the tail of the trail is also caught. */
export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface ImportTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  file_name: string;
  sha256: string;
  rows: number;
  created: number;
  updated: number;
}

export interface IndustryMappingTable {
  position: number;
  prefix: string;
  groups: string;
  talent_fields: string;
  note: string | null;
}

export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  imports: ImportTable;
  industry_mapping: IndustryMappingTable;
}
