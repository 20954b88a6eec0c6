/** scripts/build.mjs: compiles `keping` to packages/server/dist (unchanged output leaves it alone). */
export function buildKeping(): Promise<{ files: number; changed: boolean; ms: number }>;
