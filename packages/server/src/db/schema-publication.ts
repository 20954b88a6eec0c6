/** Table types of migration 0007: panels, honours, awards, the publication (公示), certificates. */
import type { Generated } from 'kysely';

/** One panel of a panel round: a category, its chair (an expert) and, once signed off, who and when. */
export interface PanelTable {
  id: Generated<number>;
  round_id: number;
  category: string;
  chair_expert_id: number;
  /** open | signed_off */
  status: string;
  signed_off_by: number | null;
  signed_off_at: string | null;
  sign_off_note: string | null;
  created_at: string;
}

export interface PanelMemberTable {
  panel_id: number;
  expert_id: number;
}

/** When and where an entry presents (ISO instant; shown in Shanghai time). */
export interface PanelSlotTable {
  panel_id: number;
  application_id: number;
  starts_at: string;
  room: string;
}

/** One member's mark: score 0–100 (the rubric's weighted mean), the rubric values as JSON, or a vote 0/1. */
export interface PanelMarkTable {
  panel_id: number;
  application_id: number;
  expert_id: number;
  score: number | null;
  criteria: string | null;
  vote: number | null;
  marked_at: string;
}

/** A member standing down from one entry (回避): 'conflict' found by the engine when the panel was set up, or 'declared' by the member. */
export interface PanelRecusalTable {
  panel_id: number;
  application_id: number;
  expert_id: number;
  source: string;
  reason: string;
  created_at: string;
}

/** The list the chair signed off, one row per entry. */
export interface PanelResultTable {
  panel_id: number;
  application_id: number;
  rank: number;
  total: number | null;
  yes: number;
  no: number;
  selected: number;
  tied: number;
}

export interface ApplicationHonourTable {
  application_id: number;
  /** national | provincial_ministerial | none */
  level: string;
  note: string | null;
  decided_by: number | null;
  decided_at: string;
}

export interface AwardTypeTable {
  id: Generated<number>;
  program_id: number;
  key: string;
  kind: string;
  name_zh: string;
  name_en: string;
  quota: number;
  created_at: string;
}

/** A nominee is one of: an application, an organisation (USCC), a person (name + organisation). */
export interface AwardNominationTable {
  id: Generated<number>;
  award_type_id: number;
  application_id: number | null;
  uscc: string | null;
  person_name: string | null;
  person_organisation: string | null;
  note: string | null;
  /** pending | granted | declined */
  status: string;
  reason: string | null;
  /** Set when granted beyond the quota: why. */
  override_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export interface PublicationTable {
  id: Generated<number>;
  program_id: number;
  /** draft | published | final */
  status: string;
  /** The announcement period as Shanghai days (inclusive) and as instants [starts_at, ends_at). */
  start_date: string | null;
  end_date: string | null;
  starts_at: string | null;
  ends_at: string | null;
  published_at: string | null;
  finalised_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PublicationEntryTable {
  id: Generated<number>;
  publication_id: number;
  position: number;
  /** achievement | award */
  kind: string;
  application_id: number | null;
  nomination_id: number | null;
  holder: string;
  holder_uscc: string | null;
  title: string;
  category: string | null;
  outcome_zh: string;
  outcome_en: string;
  honour: string | null;
  /** The rank within its category and the score the last round decided (null for awards). */
  rank: number | null;
  score: number | null;
  /** listed | removed */
  status: string;
}

export interface PublicationObjectionTable {
  id: Generated<number>;
  publication_id: number;
  entry_id: number | null;
  name: string;
  contact: string;
  organisation: string | null;
  grounds: string;
  evidence_sha256: string | null;
  evidence_name: string | null;
  evidence_mime: string | null;
  evidence_size: number | null;
  /** open | investigating | upheld | dismissed */
  status: string;
  investigation_note: string | null;
  resolution_reason: string | null;
  resolved_by: number | null;
  resolved_at: string | null;
  filed_at: string;
  filed_ip: string | null;
}

export interface PublicationDecisionTable {
  id: Generated<number>;
  objection_id: number;
  entry_id: number;
  /** remove | change_outcome */
  action: string;
  before: string;
  after: string;
  decided_by: number | null;
  decided_at: string;
}

/** An issued certificate: content_hash is the SHA-256 of its canonical content. */
export interface CertificateTable {
  serial: string;
  publication_id: number;
  entry_id: number;
  holder: string;
  title: string;
  date: string;
  program: string;
  content_hash: string;
  issued_by: number | null;
  issued_at: string;
}

export interface PublicationTables {
  panels: PanelTable;
  panel_members: PanelMemberTable;
  panel_slots: PanelSlotTable;
  panel_marks: PanelMarkTable;
  panel_recusals: PanelRecusalTable;
  panel_results: PanelResultTable;
  application_honours: ApplicationHonourTable;
  award_types: AwardTypeTable;
  award_nominations: AwardNominationTable;
  publications: PublicationTable;
  publication_entries: PublicationEntryTable;
  publication_objections: PublicationObjectionTable;
  publication_decisions: PublicationDecisionTable;
  certificates: CertificateTable;
}
