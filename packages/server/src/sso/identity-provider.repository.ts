/** The single-sign-on provider setting: one row (id 1). */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, IdentityProviderTable } from '../db/schema.js';

export type IdentityProviderRow = Selectable<IdentityProviderTable>;

export function readIdentityProvider(db: Kysely<Database>): Promise<IdentityProviderRow | undefined> {
  return db.selectFrom('identity_providers').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function writeIdentityProvider(db: Kysely<Database>, values: Omit<Insertable<IdentityProviderTable>, 'id'>): Promise<void> {
  await db.insertInto('identity_providers').values({ ...values, id: 1 })
    .onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
}
