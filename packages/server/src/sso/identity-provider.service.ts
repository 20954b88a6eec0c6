/**
 * The administrator's single-sign-on setting. The client secret is sealed before it is stored, and
 * never leaves the server: reads and the audit entry say only whether one is set.
 */
import { type FieldError, KepingError } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { open, seal } from '../auth/secret-box.js';
import { type IdentityProviderRow, readIdentityProvider, writeIdentityProvider } from './identity-provider.repository.js';

export const MATCH_CLAIMS = ['email', 'preferred_username', 'sub'] as const;
export type MatchClaim = (typeof MATCH_CLAIMS)[number];
const SECRET_PURPOSE = 'identity_providers.client_secret';

/** What the API shows: the secret masked. */
export interface IdentityProviderView {
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  matchClaim: MatchClaim;
  displayName: string;
  enabled: boolean;
  updatedAt: string | null;
}

export interface IdentityProviderInput {
  issuer: string;
  clientId: string;
  /** Empty or absent keeps the stored secret. */
  clientSecret?: string | undefined;
  matchClaim: string;
  displayName: string;
  enabled: boolean;
}

/** What the sign-on flow needs, the secret opened. */
export interface IdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  matchClaim: MatchClaim;
  displayName: string;
  enabled: boolean;
}

function isMatchClaim(value: string): value is MatchClaim {
  return (MATCH_CLAIMS as readonly string[]).includes(value);
}

function view(row: IdentityProviderRow | undefined): IdentityProviderView {
  if (!row) return { issuer: '', clientId: '', clientSecretSet: false, matchClaim: 'email', displayName: '', enabled: false, updatedAt: null };
  return {
    issuer: row.issuer, clientId: row.client_id, clientSecretSet: row.client_secret !== '', matchClaim: isMatchClaim(row.match_claim) ? row.match_claim : 'email',
    displayName: row.display_name, enabled: row.enabled === 1, updatedAt: row.updated_at,
  };
}

export async function identityProviderSettings(store: Store): Promise<IdentityProviderView> {
  return view(await readIdentityProvider(store.db));
}

/** The enabled provider with its secret, or undefined when single sign-on is off. */
export async function enabledIdentityProvider(store: Store): Promise<IdentityProvider | undefined> {
  const row = await readIdentityProvider(store.db);
  if (!row || row.enabled !== 1 || !isMatchClaim(row.match_claim)) return undefined;
  const clientSecret = open(row.client_secret, SECRET_PURPOSE);
  if (clientSecret === undefined) throw new KepingError('SSO_SECRET_UNREADABLE', { status: 500 });
  return { issuer: row.issuer, clientId: row.client_id, clientSecret, matchClaim: row.match_claim, displayName: row.display_name, enabled: true };
}

function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash;
  } catch {
    return false;
  }
}

export async function saveIdentityProvider(store: Store, ctx: RequestContext, input: IdentityProviderInput): Promise<IdentityProviderView> {
  const issuer = input.issuer.trim().replace(/\/+$/, '');
  const clientId = input.clientId.trim();
  const displayName = input.displayName.trim();
  const secret = input.clientSecret?.trim() ?? '';
  const errors: FieldError[] = [];
  if (!httpUrl(issuer)) errors.push({ code: 'SSO_ISSUER_URL', field: 'issuer' });
  if (!clientId) errors.push({ code: 'REQUIRED', field: 'clientId' });
  if (!displayName) errors.push({ code: 'REQUIRED', field: 'displayName' });
  if (!isMatchClaim(input.matchClaim)) errors.push({ code: 'VALUE_UNKNOWN', field: 'matchClaim', params: { value: input.matchClaim } });
  const current = await readIdentityProvider(store.db);
  if (!secret && !current?.client_secret) errors.push({ code: 'REQUIRED', field: 'clientSecret' });
  if (errors.length > 0) throw KepingError.fromFieldErrors(errors);
  // Sealed before the transaction: a missing key is a translated error, not a half-written setting.
  const sealed = secret ? seal(secret, SECRET_PURPOSE) : undefined;

  return mutate(store, ctx, async ({ trx, audit }) => {
    const before = await readIdentityProvider(trx);
    const clientSecret = sealed ?? before?.client_secret ?? '';
    await writeIdentityProvider(trx, {
      issuer, client_id: clientId, client_secret: clientSecret, match_claim: input.matchClaim, display_name: displayName,
      enabled: input.enabled ? 1 : 0, updated_at: ctx.now().toISOString(),
    });
    const after = view(await readIdentityProvider(trx));
    // The audit entry records that the secret changed, never the secret nor its sealed form.
    await audit({
      action: 'sso.configure', subjectType: 'identity_provider', subjectId: '1',
      before: before ? { ...view(before), updatedAt: undefined } : undefined,
      after: { ...after, updatedAt: undefined, clientSecretChanged: sealed !== undefined },
    });
    return after;
  });
}
