/** Designations (认定): the catalogue of titles, their dated history and what it means on a day. */
export * from './catalogue.js';
export * from './events.js';
export * from './state.js';
export * from './facts.js';
