/**
 * Which account a single-sign-on identity logs into. Linked accounts (issuer + subject) first; else
 * the account the configured claim names, linked now — unless it is already linked to another
 * identity, so a claim changed at the provider cannot take over someone else's account; else a new
 * account without a role, waiting for an administrator.
 */
import { randomBytes } from 'node:crypto';
import { KepingError, NO_ROLE } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import {
  findUserByOidcIdentity, findUserByUsername, findUsersByEmail, insertUser, linkOidcIdentity, toUser, type UserRow, usernameTaken,
} from '../users/user.repository.js';
import type { IdentityProvider } from './identity-provider.service.js';

export interface IdentityClaims {
  sub: string;
  email?: string | undefined;
  emailVerified: boolean;
  preferredUsername?: string | undefined;
  name?: string | undefined;
}

/** No password works for an account created by single sign-on (verifyPassword refuses this form). */
const NO_PASSWORD = 'sso-only';

function claimValue(provider: IdentityProvider, claims: IdentityClaims): string | undefined {
  if (provider.matchClaim === 'sub') return claims.sub;
  if (provider.matchClaim === 'preferred_username') return claims.preferredUsername;
  // An e-mail the provider has not verified could be anyone's.
  return claims.emailVerified ? claims.email : undefined;
}

async function accountNamedBy(trx: Parameters<typeof findUserByUsername>[0], provider: IdentityProvider, value: string): Promise<UserRow | undefined> {
  if (provider.matchClaim !== 'email') return findUserByUsername(trx, value);
  const rows = await findUsersByEmail(trx, value.toLowerCase());
  return rows.length === 1 ? rows[0] : undefined;
}

/** A free username from the claims: letters, digits and . _ - only, numbered when taken. */
async function freeUsername(trx: Parameters<typeof usernameTaken>[0], claims: IdentityClaims): Promise<string> {
  const seed = claims.preferredUsername ?? claims.email?.split('@')[0] ?? 'sso';
  let base = seed.replace(/[^A-Za-z0-9._-]+/g, '').slice(0, 32);
  if (base.length < 3) base = `sso-${base}`.slice(0, 32);
  for (let n = 1; n <= 20; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await usernameTaken(trx, candidate))) return candidate;
  }
  return `${base.slice(0, 28)}-${randomBytes(4).toString('hex')}`;
}

export async function resolveSsoAccount(store: Store, ctx: RequestContext, provider: IdentityProvider, claims: IdentityClaims): Promise<UserRow> {
  try {
    return await resolveOnce(store, ctx, provider, claims);
  } catch (error) {
    if (error instanceof KepingError) throw error;
    // Two first logins of one identity at once: the unique issuer + subject lets one create or link the
    // account and refuses the other, whose second look finds the account linked.
    return resolveOnce(store, ctx, provider, claims);
  }
}

function resolveOnce(store: Store, ctx: RequestContext, provider: IdentityProvider, claims: IdentityClaims): Promise<UserRow> {
  return mutate(store, ctx, async ({ trx, audit }) => {
    const linked = await findUserByOidcIdentity(trx, provider.issuer, claims.sub);
    if (linked) return linked;
    const value = claimValue(provider, claims);
    const named = value ? await accountNamedBy(trx, provider, value) : undefined;
    if (named) {
      if (named.oidc_subject !== null) throw new KepingError('SSO_ACCOUNT_LINKED', { status: 409 });
      const row = await linkOidcIdentity(trx, named.id, provider.issuer, claims.sub);
      await audit({
        action: 'user.sso_link', subjectType: 'user', subjectId: String(row.id),
        after: { issuer: provider.issuer, subject: claims.sub, matchedOn: provider.matchClaim },
      });
      return row;
    }
    const username = await freeUsername(trx, claims);
    const row = await insertUser(trx, {
      username, display_name: claims.name ?? username, role: NO_ROLE, organisation_uscc: null, password_hash: NO_PASSWORD,
      locale: ctx.locale, disabled: 0, failed_logins: 0, locked_until: null, created_at: ctx.now().toISOString(),
      email: claims.emailVerified ? (claims.email ?? null) : null, oidc_issuer: provider.issuer, oidc_subject: claims.sub,
    });
    await audit({
      action: 'user.create', subjectType: 'user', subjectId: String(row.id),
      after: { ...toUser(row), via: 'sso', issuer: provider.issuer, subject: claims.sub },
    });
    return row;
  });
}
