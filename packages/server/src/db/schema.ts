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

export interface DesignationTable {
  id: Generated<number>;
  uscc: string;
  title: string;
  tier: string;
  granted_year: number;
  status: string;
  ended_year: number | null;
  note: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  status: string;
  progress: number;
  input: string;
  result: string | null;
  error: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface IndexCycleTable {
  id: Generated<number>;
  name: string;
  year: number;
  top_n: number;
  spec: string;
  seed: string;
  status: string;
  /** The last computation's summary (coverage, coherence, sensitivity), JSON. */
  computation: string | null;
  /** The frozen published list and breakdowns, JSON: what the public page shows. */
  publication: string | null;
  is_demo: number;
  created_at: string;
  computed_at: string | null;
  published_at: string | null;
}

export interface IndexCandidateTable {
  cycle_id: number;
  uscc: string;
  name: string;
  /** Source lists the candidate came from, JSON array of source kinds. */
  sources: string;
  /** Indicator values, JSON object id → number | null. */
  data: string | null;
  excluded: number;
  exclusion_reason: string | null;
  score: number | null;
  rank: number | null;
  rank_median: number | null;
  rank_p05: number | null;
  rank_p95: number | null;
  group_scores: string | null;
}

export interface Database {
  designations: DesignationTable;
  jobs: JobTable;
  index_cycles: IndexCycleTable;
  index_candidates: IndexCandidateTable;
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  imports: ImportTable;
  industry_mapping: IndustryMappingTable;
}
