/**
 * Login throttling (登录限速): a counter per account name and per address, counted atomically BEFORE
 * the password is checked. After the limit, every attempt — the right password included — is refused
 * with 429 and Retry-After for a delay that doubles per further failure up to a cap, then lifts by
 * itself. Unknown names are counted the same way (by the lower-cased name), so the reply never tells
 * whether an account exists. There is no permanent lock.
 */
import { randomBytes } from 'node:crypto';
import { KepingError } from '@keping/core';
import { mutate } from '../audit/mutate.js';
import type { RequestContext } from '../context.js';
import type { Store } from '../db/database.js';
import { type AttemptCount, clearAttempts, countAttempt, uncountAttempt } from './session.repository.js';

export interface LoginLimits {
  accountLimit: number;
  addressLimit: number;
  addressWindowMinutes: number;
  firstDelaySeconds: number;
  delayCapMinutes: number;
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Read on every attempt, so an operator's change applies without a restart (and tests may set them). */
export function loginLimits(): LoginLimits {
  return {
    accountLimit: positive('KEPING_LOGIN_ACCOUNT_LIMIT', 5),
    addressLimit: positive('KEPING_LOGIN_ADDRESS_LIMIT', 30),
    addressWindowMinutes: positive('KEPING_LOGIN_ADDRESS_WINDOW_MINUTES', 15),
    firstDelaySeconds: positive('KEPING_LOGIN_FIRST_DELAY_SECONDS', 60),
    delayCapMinutes: positive('KEPING_LOGIN_DELAY_CAP_MINUTES', 15),
  };
}

/** The end of each delay level from `now`: first, twice that, … up to and including the cap. */
export function delayEnds(now: Date, limits: LoginLimits): string[] {
  const capMs = limits.delayCapMinutes * 60_000;
  const ends: string[] = [];
  for (let ms = limits.firstDelaySeconds * 1000; ms < capMs && ends.length < 40; ms *= 2) {
    ends.push(new Date(now.getTime() + ms).toISOString());
  }
  ends.push(new Date(now.getTime() + capMs).toISOString());
  return ends;
}

interface Counted {
  count: AttemptCount;
  /** This attempt's own count started a delay (it is still checked; a failure leaves the delay running). */
  startedDelay: boolean;
}

/** An attempt let through to the password check, with what it counted. */
export interface AttemptGate {
  accountKey: string;
  address: string;
  account: Counted;
  addressCount: Counted;
}

export function accountKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 100);
}

function tooMany(now: Date, delayedUntil: string): KepingError {
  const seconds = Math.max(1, Math.ceil((Date.parse(delayedUntil) - now.getTime()) / 1000));
  return new KepingError('TOO_MANY_ATTEMPTS', { status: 429, params: { seconds, minutes: Math.ceil(seconds / 60) } });
}

/** Seconds to wait, for the Retry-After header, from a TOO_MANY_ATTEMPTS error. */
export function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof KepingError) || error.code !== 'TOO_MANY_ATTEMPTS') return undefined;
  const seconds = error.params.seconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

async function count(store: Store, now: Date, scope: 'account' | 'address', key: string, limit: number, windowCutoff: string): Promise<Counted> {
  const ticket = randomBytes(12).toString('base64url');
  const nowIso = now.toISOString();
  const result = await countAttempt(store.db, {
    scope, key, ticket, now: nowIso, windowCutoff, limit, delays: delayEnds(now, loginLimits()),
  });
  const counted = result.ticket === ticket;
  // Not counted means a delay was already running: refuse without looking at the password.
  if (!counted && result.delayedUntil && result.delayedUntil > nowIso) throw tooMany(now, result.delayedUntil);
  return { count: result, startedDelay: counted && result.delayedUntil !== null && result.delayedUntil > nowIso };
}

/**
 * Counts an attempt on the address, then on the account name; throws 429 TOO_MANY_ATTEMPTS when
 * either is delayed. Only an attempt that comes back from here may check a password.
 */
export async function enterAttempt(store: Store, ctx: RequestContext, username: string): Promise<AttemptGate> {
  const now = ctx.now();
  const limits = loginLimits();
  const address = ctx.ip ?? 'unknown';
  const windowCutoff = new Date(now.getTime() - limits.addressWindowMinutes * 60_000).toISOString();
  const addressCount = await count(store, now, 'address', address, limits.addressLimit, windowCutoff);
  if (addressCount.startedDelay) {
    await mutate(store, ctx, async ({ audit }) => {
      await audit({
        action: 'auth.throttled', subjectType: 'address', subjectId: address,
        after: { failures: addressCount.count.failures, until: addressCount.count.delayedUntil },
      });
    });
  }
  const key = accountKey(username);
  const account = await count(store, now, 'account', key, limits.accountLimit, '');
  return { accountKey: key, address, account, addressCount };
}

/** The password was right: the account's count and delay end; the address gives back this attempt. */
export async function attemptSucceeded(store: Store, gate: AttemptGate): Promise<void> {
  await clearAttempts(store.db, 'account', gate.accountKey);
  await uncountAttempt(store.db, 'address', gate.address);
}

/**
 * The password was wrong. The count is already taken; on a known account the failure is audited, and
 * so is the start of a delay. Never the password.
 */
export async function attemptFailed(store: Store, ctx: RequestContext, gate: AttemptGate, userId: number | undefined): Promise<void> {
  if (userId === undefined) return;
  await mutate(store, ctx, async ({ audit }) => {
    const subject = { subjectType: 'user', subjectId: String(userId) };
    await audit({ action: 'auth.login_failed', ...subject, after: { failures: gate.account.count.failures } });
    if (gate.account.startedDelay) {
      await audit({ action: 'auth.throttled', ...subject, after: { failures: gate.account.count.failures, until: gate.account.count.delayedUntil } });
    }
  });
}

/** An administrator's reset: the account may log in with its temporary password at once. */
export async function forgetAccountAttempts(store: Store, username: string): Promise<void> {
  await clearAttempts(store.db, 'account', accountKey(username));
}
