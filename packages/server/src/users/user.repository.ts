/** Queries on users, sessions and login attempts. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AccountRole } from '@keping/core';
import type { Database, UserTable } from '../db/schema.js';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: AccountRole;
  email: string | null;
  /** Linked to a single-sign-on identity (issuer + subject). */
  singleSignOn: boolean;
  organisationUscc: string | null;
  locale: string;
  disabled: boolean;
  /** Set by an administrator's reset: only the password change is open until it is done. */
  mustChangePassword: boolean;
  createdAt: string;
}

export type UserRow = Selectable<UserTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role as AccountRole, email: row.email, singleSignOn: row.oidc_subject !== null,
    organisationUscc: row.organisation_uscc, locale: row.locale, disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1, createdAt: row.created_at,
  };
}

export function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function usernameTaken(db: Kysely<Database>, username: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

export async function insertUser(db: Kysely<Database>, values: Insertable<UserTable>): Promise<UserRow> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Kysely<Database>, id: number, set: Partial<Pick<UserTable, 'disabled' | 'locale'>>,
): Promise<UserRow> {
  return db.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function setPasswordHash(db: Kysely<Database>, id: number, passwordHash: string, mustChange: boolean): Promise<UserRow> {
  return db.updateTable('users').set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
}

export function findUserByOidcIdentity(db: Kysely<Database>, issuer: string, subject: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();
}

/** Accounts with this e-mail (lower case): more than one means the claim cannot pick an account. */
export function findUsersByEmail(db: Kysely<Database>, email: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('email', '=', email).orderBy('id').limit(2).execute();
}

export async function linkOidcIdentity(db: Kysely<Database>, id: number, issuer: string, subject: string): Promise<UserRow> {
  return db.updateTable('users').set({ oidc_issuer: issuer, oidc_subject: subject })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function setUserRole(db: Kysely<Database>, id: number, role: string, organisationUscc: string | null): Promise<UserRow> {
  return db.updateTable('users').set({ role, organisation_uscc: organisationUscc })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
