/**
 * Every round kind the web app shows, one line each: the page under /programs/:id/rounds/:roundId/<segment>
 * and the label of the link to it on the program page. Adding a kind: a folder pages/rounds/<kind>/
 * with its page, and one line here.
 */
import type { RoundKind } from '@keping/core';
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';

export interface WebRoundKind {
  /** The URL segment after /programs/:id/rounds/:roundId/. */
  segment: string;
  page: LazyExoticComponent<ComponentType>;
  /** i18n key of the link that opens the round. */
  openLabel: string;
}

export const WEB_ROUND_KINDS: { [K in RoundKind]: WebRoundKind } = {
  screening: { segment: 'screening', openLabel: 'screening.open', page: lazy(() => import('./screening/ScreeningPage').then((m) => ({ default: m.ScreeningPage }))) },
  scoring: { segment: 'scoring', openLabel: 'scoringRound.open', page: lazy(() => import('./scoring/ScoringPage').then((m) => ({ default: m.ScoringPage }))) },
  panel: { segment: 'panels', openLabel: 'panelRound.open', page: lazy(() => import('./panel/PanelRoundPage').then((m) => ({ default: m.PanelRoundPage }))) },
  index: { segment: 'index', openLabel: 'indexRound.open', page: lazy(() => import('./index/IndexRoundPage').then((m) => ({ default: m.IndexRoundPage }))) },
};
