/** Who reaches a TOP100 cycle: the office and auditors every cycle (by route roles); the public only a published list. */

/** The public (no session) reads a cycle only once its list is published and the program's publication is readable. */
export const isPublicCycle = (cycle: { status: string; publication: unknown }): boolean =>
  cycle.status === 'published' && cycle.publication !== null && cycle.publication !== undefined;
