/** HTTP response shapes of awards (奖项): kept here so the server's return types and the web's reads are one declaration. */
import type { AwardKind, NominationStatus } from '../programs/publication.js';
import type { Bilingual } from '../programs/schema.js';

export interface Nominee {
  kind: 'application' | 'organisation' | 'person';
  applicationId: number | null;
  /** The organisation's USCC: the nominee itself, or the application's. */
  uscc: string | null;
  /** The holder as written on a list or certificate: the organisation's or the person's name. */
  name: string;
  /** A person's organisation; the achievement's title for an application. */
  detail: string | null;
}

export interface Nomination {
  id: number;
  awardTypeId: number;
  nominee: Nominee;
  note: string | null;
  status: NominationStatus;
  reason: string | null;
  overrideNote: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface AwardType {
  id: number;
  programId: number;
  key: string;
  kind: AwardKind;
  name: Bilingual;
  quota: number;
  granted: number;
}
