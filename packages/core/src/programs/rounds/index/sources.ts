/** Where an index round's pool entries come from: lists in the registry, or files the office uploads. */
export const POOL_SOURCES = ['tech_center', 'listed', 'emerging_top100', 'private_top100', 'major_project'] as const;
export type PoolSource = (typeof POOL_SOURCES)[number];

/** Drawn from the registry (technology centres, listed companies). */
export const REGISTRY_SOURCES = ['tech_center', 'listed'] as const satisfies readonly PoolSource[];
export type RegistrySource = (typeof REGISTRY_SOURCES)[number];

/** Uploaded as a list of organisations (the published TOP100 lists, major projects). */
export const FILE_SOURCES = ['emerging_top100', 'private_top100', 'major_project'] as const satisfies readonly PoolSource[];
export type FileSource = (typeof FILE_SOURCES)[number];
