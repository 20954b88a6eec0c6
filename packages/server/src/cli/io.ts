/** What a command needs from the outside: output streams and the language. */
import { errorMessage, isKepingError, type Locale, negotiateLocale, translate } from '@keping/core';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  locale: Locale;
}

/** KEPING_LANG, else the system locale (en_US.UTF-8 → en); Simplified Chinese by default. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const raw = env.KEPING_LANG ?? env.LC_ALL ?? env.LANG ?? '';
  return /^en/i.test(raw) ? 'en' : negotiateLocale(raw.replace('_', '-').split('.')[0] || 'zh-CN');
}

export function processIo(): CliIo {
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    locale: cliLocale(),
  };
}

/** Prints an error in the user's language; returns the exit code (2 for usage, 1 otherwise). */
export function reportError(io: CliIo, error: unknown): number {
  if (isKepingError(error)) {
    for (const e of error.errors) io.err(`${translate(io.locale, 'cli.error')}: ${errorMessage(io.locale, e)}`);
    return error.code === 'USAGE' || error.code === 'UNKNOWN_COMMAND' ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`${translate(io.locale, 'cli.error')}: ${message}`);
  if (process.env.KEPING_DEBUG && error instanceof Error) io.err(error.stack ?? '');
  return 1;
}
