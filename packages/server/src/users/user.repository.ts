/** Queries on users, sessions and login attempts. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Role } from '@keping/core';
import type { Database, UserTable } from '../db/schema.js';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
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
    id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role,
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
