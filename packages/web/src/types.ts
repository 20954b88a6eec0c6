/** Shapes of the HTTP API (docs/api.md). */
import type {
  AccountRole, ImportReport as ApiImportReport, Contact, IndustryGroup, Locale, OrganisationColumn, Params, Role, TalentField,
} from '@keping/core';

export interface User {
  id: number | string;
  username: string;
  displayName: string;
  role: AccountRole;
  organisationUscc: string | null;
  locale: Locale | null;
  email?: string | null;
  /** Linked to a single-sign-on identity. */
  singleSignOn?: boolean;
  disabled: boolean;
  /** After an administrator's reset: the app shows only the password change until it is done. */
  mustChangePassword?: boolean;
  createdAt: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export type { Organisation } from '@keping/core';

/** What the create and edit forms send: strings, null or '' for empty. */
export interface OrganisationInput {
  uscc: string;
  name: string;
  kind: string | null;
  district: string | null;
  industryCode: string | null;
  established: string | null;
  listing: string | null;
  groupsOverride: IndustryGroup[] | null;
  talentFieldsOverride: TalentField[] | null;
  contacts: Contact[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export const SORT_KEYS = ['name', 'uscc', 'established', 'updatedAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface OrganisationQuery {
  q?: string;
  district?: string;
  kind?: string;
  listing?: string;
  group?: string;
  talentField?: string;
  /** `title` or `title:tier`, held on designationOn (today when absent). */
  designation?: string;
  designationOn?: string;
  page?: number;
  pageSize?: number;
  sort?: SortKey;
  order?: 'asc' | 'desc';
}

export type JsonObject = { [key: string]: unknown };

export interface AuditEntry {
  id: number | string;
  at: string;
  actorId: number | string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: JsonObject | null;
  after: JsonObject | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; brokenAt: number | string; reason: string };

export type { ImportProblem } from '@keping/core';
export type ImportReport = ApiImportReport<OrganisationColumn>;

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  organisationUscc?: string;
  email?: string;
}

/** The administrator's view of the single-sign-on setting: the client secret is never sent back. */
export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  matchClaim: 'email' | 'preferred_username' | 'sub';
  displayName: string;
  enabled: boolean;
  updatedAt: string | null;
}

export interface SsoSettingsInput extends Omit<SsoSettings, 'clientSecretSet' | 'updatedAt'> {
  clientSecret?: string;
}

export interface ServerFieldError {
  code: string;
  field?: string;
  params?: Params;
  message: string;
}
