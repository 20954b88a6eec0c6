/** Table types for Kysely. Times are ISO-8601 UTC strings and booleans 0/1 on both databases. */
import type { Generated } from 'kysely';
import type { AuditTables } from './schema-audit.js';
import type { DesignationTables } from './schema-designations.js';
import type { PublicationTables } from './schema-publication.js';

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
  /** 1 after an administrator's reset: every route but /api/auth/* refuses until the user changes it. */
  must_change_password: Generated<number>;
  /** Lower case; one of the claims single sign-on may match accounts on (migration 0017). */
  email: string | null;
  /** The OpenID Connect identity (issuer + sub) linked at the first SSO login; unique together. */
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

/** The single-sign-on provider (one row, id 1); the client secret is encrypted (auth/secret-box.ts). */
export interface IdentityProviderTable {
  id: number;
  issuer: string;
  client_id: string;
  client_secret: string;
  match_claim: string;
  display_name: string;
  enabled: number;
  updated_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
}

/** One throttle counter per account name (lower-cased, known or not) and per address. */
export interface LoginAttemptTable {
  scope: 'account' | 'address';
  key: string;
  failures: number;
  window_start: string;
  delayed_until: string | null;
  ticket: string;
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

export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** The version of the job's definition when it was queued (migration 0012). */
  version: number;
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
  /** The index round whose state this row is (migration 0011): the round's config and the program's title are the truth. */
  round_id: number | null;
}

export interface IndexCandidateTable {
  cycle_id: number;
  /** The pool entry (an application row with origin 'pool') these values belong to (migration 0011). */
  application_id: number | null;
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

/** A program (项目) and its call: window as ISO instants, lists (fields, attachments, categories, outcomes) as JSON. */
export interface ProgramTable {
  id: Generated<number>;
  type: string;
  owner_office: string;
  cycle_year: number;
  title_zh: string;
  title_en: string;
  status: string;
  opens_at: string;
  closes_at: string;
  allowed_kinds: string;
  rule_set_id: string | null;
  form_fields: string;
  attachments: string;
  categories: string;
  outcomes: string;
  copied_from: number | null;
  created_at: string;
  updated_at: string;
  /** 1: the list goes through an announcement period (公示) before it is final; 0: final when published (migration 0011). */
  announcement: Generated<number>;
}

export interface ProgramRoundTable {
  id: Generated<number>;
  program_id: number;
  position: number;
  key: string;
  kind: string;
  name_zh: string;
  name_en: string;
  config: string;
  status: string;
  closed_at: string | null;
}

export interface ApplicationTable {
  id: Generated<number>;
  program_id: number;
  uscc: string;
  title: string;
  category: string | null;
  form_values: string;
  status: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  withdrawn_at: string | null;
  /** applied | pool (an entry drawn from source lists, no application). */
  origin: Generated<string>;
  /** Pool entries: the source lists they came from, JSON array. */
  sources: string | null;
  /** The facts eligibility was evaluated on at submission or the last re-run (core FactsSnapshot, JSON). */
  facts_snapshot: string | null;
}

/** A fact field the applicant changed, marked until the office confirms it. */
export interface SelfDeclaredFactTable {
  uscc: string;
  field: string;
  declared_by: number | null;
  declared_at: string;
}

/** An uploaded attachment: the bytes live on disk under their SHA-256. */
export interface ApplicationFileTable {
  id: Generated<number>;
  application_id: number;
  attachment_key: string;
  sha256: string;
  size: number;
  original_name: string;
  mime: string;
  uploaded_by: number | null;
  uploaded_at: string;
}

/** The rules' verdict on one application in one screening round, then the office's decision. */
export interface ScreeningResultTable {
  round_id: number;
  application_id: number;
  verdict: string;
  /** The eligibility result (lines, missing facts), JSON; null when the call has no rule set. */
  explanation: string | null;
  ran_at: string;
  outcome: string | null;
  reason_code: string | null;
  note: string | null;
  decided_by: number | null;
  decided_at: string | null;
}

export interface RoundAdvancementTable {
  round_id: number;
  application_id: number;
  /** 1: goes on to the next round; 0: stops here. */
  advanced: number;
  decided_at: string;
  /** What the round decided (migration 0009; null on rows recorded before it). */
  category: string | null;
  score: number | null;
  rank: number | null;
  reason: string | null;
  detail: string | null;
  note: string | null;
}

export interface ExpertTable {
  id: Generated<number>;
  name: string;
  professional_title: string | null;
  employer_uscc: string | null;
  employer_name: string | null;
  /** Tags as ",a,b," so a filter is one LIKE. */
  tags: string;
  /** JSON arrays: employer history, shareholdings, declared conflicts. */
  employment: string;
  shareholdings: string;
  declared: string;
  available: number;
  phone: string | null;
  /** Lower case. */
  email: string | null;
  user_id: number | null;
  active: number;
  is_demo: number;
  import_id: number | null;
  created_at: string;
  updated_at: string;
}

/** An expert's unavailable periods, one row each, so "available on a day" is one NOT EXISTS. */
export interface ExpertUnavailabilityTable {
  expert_id: number;
  start_date: string;
  end_date: string;
}

/** An expert on an entry of a scoring round: active, recused (回避) or reserve (备选, ranked). */
export interface ScoringAssignmentTable {
  id: Generated<number>;
  round_id: number;
  application_id: number;
  expert_id: number;
  status: string;
  reserve_rank: number | null;
  /** engine | manual | reserve (took over after a recusal). */
  source: string;
  /** Why the expert is here (engine score, draw position, manual reason, recusal), JSON. */
  explanation: string;
  created_at: string;
  updated_at: string;
}

export interface ScoringScoreTable {
  assignment_id: number;
  round_id: number;
  /** Criterion key → score, JSON. */
  scores: string;
  /** {criteria: {key: text}, overall: text}, JSON. */
  comments: string;
  status: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface ScoringRoundTable {
  round_id: number;
  /** The last assignment run: engine explanation, conflicts excluded, pool, JSON. */
  assignment: string | null;
  assigned_at: string | null;
  /** The office's selection decision, JSON. */
  decision: string | null;
  decided_by: number | null;
  decided_at: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  /** Parameters of the message `notifications.<kind>`, JSON. */
  params: string;
  created_at: string;
  read_at: string | null;
}

export interface Database extends PublicationTables, DesignationTables, AuditTables {
  experts: ExpertTable;
  expert_unavailability: ExpertUnavailabilityTable;
  programs: ProgramTable;
  program_rounds: ProgramRoundTable;
  applications: ApplicationTable;
  application_files: ApplicationFileTable;
  screening_results: ScreeningResultTable;
  self_declared_facts: SelfDeclaredFactTable;
  round_advancements: RoundAdvancementTable;
  scoring_assignments: ScoringAssignmentTable;
  scoring_scores: ScoringScoreTable;
  scoring_rounds: ScoringRoundTable;
  notifications: NotificationTable;
  jobs: JobTable;
  index_cycles: IndexCycleTable;
  index_candidates: IndexCandidateTable;
  organisations: OrganisationTable;
  users: UserTable;
  identity_providers: IdentityProviderTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  imports: ImportTable;
  industry_mapping: IndustryMappingTable;
}
