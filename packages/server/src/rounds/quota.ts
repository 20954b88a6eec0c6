/**
 * The one quota rule of every round (scoring, panel, the bundle's record): a round's seats per
 * category are its own config's when it sets them, else the program's categories' quotas under
 * the round's key. Pure, so services and kinds decide it alike.
 */

/** Seats per category for the round keyed `roundKey`; `own` (the round config's quotas) wins when set. */
export function roundQuotas(
  categories: readonly { key: string; quotas: Record<string, number> }[], roundKey: string, own?: Record<string, number>,
): Record<string, number> {
  if (own) return own;
  const out: Record<string, number> = {};
  for (const c of categories) {
    const q = c.quotas[roundKey];
    if (q !== undefined) out[c.key] = q;
  }
  return out;
}
