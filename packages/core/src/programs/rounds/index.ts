/** Round kinds (轮次类型): the contract, the decisions every round records, each kind, and the registry. */
export * from './round-kind.js';
export * from './decision.js';
export * from './registry.js';
export * from './screening/screening.js';
export * from './scoring/scoring.js';
export * from './scoring/scoring.round.js';
export * from './scoring/scoring-results.js';
export * from './panel/panel.js';
export * from './panel/panel.round.js';
export * from './index/spec.js';
export * from './index/sources.js';
export * from './index/index.round.js';
export * from './index/compute.js';
