/** Review engines (评审): eligibility, conflicts, scoring, calibration, ranking and selection. */
export type { Message } from './message.js';
export { COMPARISON_OPS, type ComparisonOp, type Rational, parseDecimal, toDecimalString } from './exact.js';
export * from './eligibility-rules.js';
export * from './eligibility.js';
export * from './eligibility-sets.js';
export * from './conflicts.js';
export * from './scoring.js';
export * from './calibration.js';
export * from './ranking.js';
export * from './ranking-bootstrap.js';
export { kendallTau } from './stats.js';
export * from './synthetic-panel.js';
