/**
 * Migration 0017: single sign-on with OpenID Connect. One identity-provider setting (its client
 * secret encrypted, see auth/secret-box.ts); accounts gain an e-mail (a claim to match on) and the
 * issuer + subject they are linked to after their first SSO login, unique so two accounts can
 * never share one identity and a later change of claim cannot move a login to another account.
 */
import type { Kysely, Migration } from 'kysely';

export const singleSignOnMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('identity_providers')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('issuer', 'varchar(500)', (c) => c.notNull())
      .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('client_secret', 'text', (c) => c.notNull())
      .addColumn('match_claim', 'varchar(40)', (c) => c.notNull())
      .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('users').addColumn('email', 'varchar(200)').execute();
    await db.schema.alterTable('users').addColumn('oidc_issuer', 'varchar(500)').execute();
    await db.schema.alterTable('users').addColumn('oidc_subject', 'varchar(255)').execute();
    await db.schema.createIndex('users_oidc_identity').unique().on('users').columns(['oidc_issuer', 'oidc_subject']).execute();
    await db.schema.createIndex('users_email').on('users').column('email').execute();
  },
};
