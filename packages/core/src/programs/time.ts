/**
 * Programs run on Shanghai time (UTC+8, no daylight saving): people enter and read call windows as
 * Shanghai wall-clock times, the database keeps ISO instants.
 */
const OFFSET_MS = 8 * 3600_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** The ISO instant of a Shanghai wall-clock time (2026-10-01 09:00) or of a time with its own offset; undefined if unreadable. */
export function parseShanghaiDateTime(text: string): string | undefined {
  const m = LOCAL.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(wall);
  // Date.UTC rolls 31 April over to 1 May: refuse what is not a real time of day.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  const zone = m[7];
  let offset = OFFSET_MS;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(wall - offset).toISOString();
}

/** Shanghai wall-clock time of an instant, as people read it: 2026-10-01 09:00. */
export function shanghaiDateTime(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Calendar date in Shanghai of an instant (2026-10-01): "today" everywhere, whatever the server's or the browser's zone. */
export function shanghaiDay(instant: string | Date): string {
  return shanghaiDateTime(instant).slice(0, 10);
}

/** The year in Shanghai of an instant (the cycle year a new program starts with). */
export function shanghaiYear(instant: string | Date): number {
  return Number(shanghaiDay(instant).slice(0, 4));
}

/** The calendar day `days` after a day (YYYY-MM-DD); negative counts back. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The same Shanghai wall-clock time `years` later; 29 February becomes 28 February in a common year. */
export function shiftYears(instant: string, years: number): string {
  const local = new Date(Date.parse(instant) + OFFSET_MS);
  const y = local.getUTCFullYear() + years;
  const mo = local.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const d = Math.min(local.getUTCDate(), lastDay);
  const wall = Date.UTC(y, mo, d, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(wall - OFFSET_MS).toISOString();
}
