/** Table types of designations (认定): the current-state row and its dated history (migrations 0002, 0010). */
import type { Generated } from 'kysely';

/** The current state of one designation, maintained from its events in the same transaction. */
export interface DesignationTable {
  id: Generated<number>;
  uscc: string;
  title: string;
  tier: string;
  /** Year of the first grant (kept for older readers); granted_on is the day. */
  granted_year: number;
  /** active | suspended | revoked | expired */
  status: string;
  ended_year: number | null;
  note: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
  granted_on: string | null;
  /** First day no longer valid (last grant + validity), null when indefinite. */
  valid_until: string | null;
  ended_on: string | null;
  validity_years: number | null;
}

/** One dated step: granted, evaluated, tier_changed, suspended, reinstated, revoked, expired. */
export interface DesignationEventTable {
  id: Generated<number>;
  designation_id: number;
  kind: string;
  /** YYYY-MM-DD, a Shanghai calendar day. */
  day: string;
  tier: string | null;
  grade: string | null;
  reason: string | null;
  source: string | null;
  program_id: number | null;
  decision_ref: string | null;
  actor_id: number | null;
  created_at: string;
}

export interface DesignationTables {
  designations: DesignationTable;
  designation_events: DesignationEventTable;
}
