/**
 * Single sign-on with OpenID Connect (authorization code + PKCE, state and nonce, via openid-client).
 * The flow's secrets ride in a sealed, short-lived cookie; the callback finds the account linked to
 * the issuer + subject, else the one the configured claim names (then links it), else creates one
 * without a role, and starts the same session as a password login.
 */
import { KepingError } from '@keping/core';
import * as client from 'openid-client';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { open, seal } from '../auth/secret-box.js';
import { type LoginResult, startSession } from '../auth/session.service.js';
import { enabledIdentityProvider, type IdentityProvider } from './identity-provider.service.js';
import { type IdentityClaims, resolveSsoAccount } from './sso-account.service.js';

const FLOW_PURPOSE = 'oidc-flow';
export const FLOW_MINUTES = 10;

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  expiresAt: string;
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** Discovery, once per setting; a failed discovery is forgotten so the next attempt tries again. */
function configurationOf(p: IdentityProvider): Promise<client.Configuration> {
  const key = JSON.stringify([p.issuer, p.clientId, p.clientSecret]);
  let found = configurations.get(key);
  if (!found) {
    const url = new URL(p.issuer);
    // Plain http only to a provider on this machine (development, tests); anything else needs https.
    const local = url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    found = client.discovery(url, p.clientId, undefined, client.ClientSecretBasic(p.clientSecret), {
      timeout: 10, ...(local ? { execute: [client.allowInsecureRequests] } : {}),
    });
    configurations.set(key, found);
    found.catch(() => configurations.delete(key));
  }
  return found;
}

async function providerOrRefuse(store: Store): Promise<IdentityProvider> {
  const provider = await enabledIdentityProvider(store);
  if (!provider) throw new KepingError('SSO_DISABLED', { status: 404 });
  return provider;
}

async function reach<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KepingError) throw error;
    throw new KepingError('SSO_ISSUER_UNREACHABLE', { status: 502 });
  }
}

export interface StartedLogin {
  authorizationUrl: string;
  /** The sealed flow, for an httpOnly cookie read back by the callback. */
  flowCookie: string;
}

export async function startOidcLogin(store: Store, now: Date, redirectUri: string): Promise<StartedLogin> {
  const provider = await providerOrRefuse(store);
  const config = await reach(() => configurationOf(provider));
  const verifier = client.randomPKCECodeVerifier();
  const flow: Flow = {
    verifier, state: client.randomState(), nonce: client.randomNonce(), issuer: provider.issuer, clientId: provider.clientId,
    redirectUri, expiresAt: new Date(now.getTime() + FLOW_MINUTES * 60_000).toISOString(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'openid email profile', response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    state: flow.state, nonce: flow.nonce,
  });
  return { authorizationUrl: url.href, flowCookie: seal(JSON.stringify(flow), FLOW_PURPOSE) };
}

function readFlow(cookie: string | undefined, now: Date): Flow {
  const text = cookie ? open(cookie, FLOW_PURPOSE) : undefined;
  const flow = text ? (JSON.parse(text) as Flow) : undefined;
  if (!flow || flow.expiresAt <= now.toISOString()) throw new KepingError('SSO_STATE_INVALID', { status: 400 });
  return flow;
}

/** The claims of the ID token, completed by the userinfo endpoint (where most providers put e-mail and names). */
async function claimsOf(config: client.Configuration, tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>): Promise<IdentityClaims> {
  const idClaims = tokens.claims();
  if (!idClaims) throw new KepingError('SSO_FAILED', { status: 400 });
  const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  const all: Record<string, unknown> = { ...info, ...idClaims };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return {
    sub: idClaims.sub, email: str(all.email)?.toLowerCase(), emailVerified: all.email_verified === true,
    preferredUsername: str(all.preferred_username), name: str(all.name),
  };
}

export async function finishOidcLogin(
  store: Store, ctx: RequestContext, callbackUrl: URL, flowCookie: string | undefined,
): Promise<LoginResult> {
  const flow = readFlow(flowCookie, ctx.now());
  // Checked here as well as by openid-client, so a forged or replayed answer has its own message.
  if (callbackUrl.searchParams.get('state') !== flow.state) throw new KepingError('SSO_STATE_INVALID', { status: 400 });
  if (callbackUrl.searchParams.has('error')) throw new KepingError('SSO_FAILED', { status: 400 });
  const provider = await providerOrRefuse(store);
  // The setting changed during the flow: its answer belongs to another provider or client.
  if (provider.issuer !== flow.issuer || provider.clientId !== flow.clientId) throw new KepingError('SSO_STATE_INVALID', { status: 400 });
  const config = await reach(() => configurationOf(provider));
  // openid-client compares the callback's own address with redirect_uri: use the one the flow sent.
  const current = new URL(flow.redirectUri);
  current.search = callbackUrl.search;
  let claims: IdentityClaims;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
    });
    claims = await claimsOf(config, tokens);
  } catch (error) {
    if (error instanceof KepingError) throw error;
    // A refused or forged answer (wrong state, an error from the provider, a bad token) against a provider that cannot be reached.
    const refused = error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError
      || (error instanceof Error && /state|nonce|code|token|claim|issuer|audience/i.test(error.message));
    throw new KepingError(refused ? 'SSO_FAILED' : 'SSO_ISSUER_UNREACHABLE', { status: refused ? 400 : 502 });
  }
  const row = await resolveSsoAccount(store, ctx, provider, claims);
  if (row.disabled === 1) throw new KepingError('ACCOUNT_DISABLED', { status: 403 });
  return startSession(store, ctx, row, 'sso');
}
