/** Response shapes of the server's HTTP API as the web receives them (JSON: dates are ISO strings), one module a feature. */
export * from './awards.js';
export * from './experts.js';
export * from './programs.js';
export * from './scoring.js';
export * from './index-program.js';
export * from './jobs.js';
export * from './imports.js';
export * from './registry.js';
export * from './input.js';
