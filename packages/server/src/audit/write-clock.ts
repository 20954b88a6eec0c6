/**
 * Counts the writes this process has committed to a store, so a cache in the same process sees its
 * own writes at once (other processes' writes it sees through the audit head).
 */
const clocks = new WeakMap<object, number>();

export function noteCommittedWrite(store: object): void {
  clocks.set(store, (clocks.get(store) ?? 0) + 1);
}

export function committedWrites(store: object): number {
  return clocks.get(store) ?? 0;
}
