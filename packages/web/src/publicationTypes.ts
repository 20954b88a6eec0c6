/**
 * Shapes of the awards and publication HTTP API (packages/server/src/awards, src/publication),
 * built on @keping/core's enums; what the office sees, what the public sees, and certificates.
 */
import type { AwardType, Bilingual, Nomination, ObjectionStatus, PublicationStatus } from '@keping/core';

/** The server's awards response shapes, declared once in @keping/core. */
export type { AwardType, Nomination, Nominee } from '@keping/core';

export interface AwardWithNominations extends AwardType {
  nominations: Nomination[];
}

export type EntryKind = 'achievement' | 'award';
export type EntryStatus = 'listed' | 'removed';

/** One line of the list as the public reads it. */
export interface PublicEntry {
  id: number;
  position: number;
  kind: EntryKind;
  applicationId: number | null;
  holder: string;
  holderUscc: string | null;
  title: string;
  category: string | null;
  outcome: Bilingual;
  honour: string | null;
  /** Rank within its category and the score its last round decided; null for awards. */
  rank: number | null;
  score: number | null;
}

export interface Entry extends PublicEntry {
  nominationId: number | null;
  status: EntryStatus;
}

export interface Evidence {
  sha256: string;
  name: string | null;
  mime: string | null;
  size: number | null;
}

export interface Objection {
  id: number;
  publicationId: number;
  entryId: number | null;
  name: string;
  contact: string;
  organisation: string | null;
  grounds: string;
  evidence: Evidence | null;
  status: ObjectionStatus;
  investigationNote: string | null;
  resolutionReason: string | null;
  resolvedAt: string | null;
  filedAt: string;
}

/** An entry before or after an upheld objection changed it. */
export interface EntrySnapshot {
  status: EntryStatus;
  outcome: Bilingual;
}

export interface ListDecision {
  id: number;
  objectionId: number;
  entryId: number;
  action: 'remove' | 'change_outcome';
  before: EntrySnapshot;
  after: EntrySnapshot;
  decidedAt: string;
}

interface PublicationHead {
  id: number;
  programId: number;
  program: Bilingual;
  cycleYear: number;
  /** The program's categories, to name an entry's. */
  categories: { key: string; name: Bilingual }[];
  status: PublicationStatus;
  /** The announcement period, Shanghai calendar days, both inclusive. */
  startDate: string | null;
  endDate: string | null;
  startsAt: string | null;
  endsAt: string | null;
  finalisedAt: string | null;
  /** Within the period now: the public may object. */
  objectionsOpen: boolean;
}

export interface OfficePublication extends PublicationHead {
  publishedAt: string | null;
  entries: Entry[];
  objections: Objection[];
  decisions: ListDecision[];
}

export interface PublicPublication extends PublicationHead {
  entries: PublicEntry[];
}

export interface PublicPublicationSummary {
  id: number;
  status: PublicationStatus;
  startDate: string | null;
  endDate: string | null;
  program: Bilingual;
  cycleYear: number;
}

export interface FiledObjection {
  id: number;
  status: ObjectionStatus;
  filedAt: string;
  evidenceSha256: string | null;
}

export interface ResolvedObjection extends Objection {
  decision: Omit<ListDecision, 'objectionId' | 'decidedAt'> | null;
}

export interface Certificate {
  serial: string;
  entryId: number;
  holder: string;
  title: string;
  date: string;
  program: string;
  contentHash: string;
  issuedAt: string;
  verificationUrl: string;
}

export type Verification =
  | { valid: true; serial: string; holder: string; title: string; date: string; program: string; message: string }
  | { valid: false; serial: string; reason: 'unknown' | 'mismatch'; message: string };
