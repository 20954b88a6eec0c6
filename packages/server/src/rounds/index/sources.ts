/** Where TOP100 candidates come from (候选来源): registry facts or lists the office imports. */
export const POOL_SOURCES = ['tech_center', 'listed', 'emerging_top100', 'private_top100', 'major_project'] as const;
export type PoolSource = (typeof POOL_SOURCES)[number];
/** Sources read from the registry; the others arrive as files. */
export const REGISTRY_SOURCES = ['tech_center', 'listed'] as const satisfies readonly PoolSource[];
export const FILE_SOURCES = ['emerging_top100', 'private_top100', 'major_project'] as const satisfies readonly PoolSource[];
