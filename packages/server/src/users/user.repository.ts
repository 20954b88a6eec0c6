/** Queries on users, sessions and login attempts. */
import type { Kysely } from 'kysely';
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
  createdAt: string;
}

export type UserRow = Omit<UserTable, 'id'> & { id: number };

export function toUser(row: UserRow): User {
  return {
    id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role,
    organisationUscc: row.organisation_uscc, locale: row.locale, disabled: row.disabled === 1, createdAt: row.created_at,
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

export async function insertUser(db: Kysely<Database>, values: Omit<UserTable, 'id'>): Promise<UserRow> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Kysely<Database>, id: number, set: Partial<Pick<UserTable, 'disabled' | 'failed_logins' | 'locked_until' | 'locale'>>,
): Promise<UserRow> {
  return db.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
}
