/**
 * Every round kind core knows, one line each. Adding a kind: a folder rounds/<kind>/ with its
 * RoundKindModule, and one line here (the server and web registries add theirs).
 */
import { indexRound } from './index/index.round.js';
import { panelRound } from './panel/panel.round.js';
import { screeningRound } from './screening/screening.js';
import { scoringRound } from './scoring/scoring.round.js';

export const ROUND_KIND_MODULES = {
  screening: screeningRound,
  scoring: scoringRound,
  panel: panelRound,
  index: indexRound,
} as const;

export type RoundKind = keyof typeof ROUND_KIND_MODULES;
export const ROUND_KINDS = Object.keys(ROUND_KIND_MODULES) as [RoundKind, ...RoundKind[]];
