/** The program engine's shared model (项目): schemas, checks and Shanghai time, used by server and web. */
export * from './keys.js';
export * from './schema.js';
export * from './program-types.js';
export * from './check.js';
export * from './form.js';
export * from './time.js';
export * from './rounds/index.js';
export * from './publication.js';
export * from './bundle.js';
export * from './facts.js';
