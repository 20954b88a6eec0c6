/** HTTP calls of the scoring round, the expert portal, notifications and the panel round (through api.ts's client). */
import type {
  HonourInput, PanelInput, PanelLine, PanelMarkInput, PanelRecusalInput, PanelScheduleInput, PanelSignOffInput, ScoreInput, ScoringConfig,
  SelectionDecisionInput,
} from '@keping/core';
import { download, queryString, request } from './api';
import type {
  AppNotification, AssignmentRunSummary, ExpertItem, ExpertItemSummary, MyPanel, PanelRoundList, PanelView,
  PeerScores, RoundResults, ScoringOverview, ScoringProgress, SelectionDecision, Sheet,
} from './scoringTypes';

const round = (id: number) => `/api/rounds/${id}`;
const item = (id: number) => `/api/expert/assignments/${id}`;
const panel = (id: number) => `/api/panels/${id}`;

export const scoringApi = {
  overview: (roundId: number) => request<ScoringOverview>('GET', `${round(roundId)}/scoring`),
  saveConfig: (roundId: number, config: ScoringConfig) => request<ScoringConfig>('PUT', `${round(roundId)}/scoring/config`, config),
  assign: (roundId: number) => request<AssignmentRunSummary>('POST', `${round(roundId)}/scoring/assign`),
  addAssignment: (roundId: number, body: { applicationId: number; expertId: number; reason: string }) =>
    request<{ id: number }>('POST', `${round(roundId)}/scoring/assignments`, body),
  removeAssignment: (id: number, reason: string) => request<{ removed: number }>('POST', `/api/scoring-assignments/${id}/remove`, { reason }),
  replaceAssignment: (id: number, expertId: number, reason: string) =>
    request<{ id: number }>('POST', `/api/scoring-assignments/${id}/replace`, { expertId, reason }),
  progress: (roundId: number) => request<ScoringProgress>('GET', `${round(roundId)}/scoring/progress`),
  remind: (roundId: number, expertIds?: number[]) =>
    request<{ reminded: { expertId: number; name: string; outstanding: number }[]; emailed: number }>(
      'POST', `${round(roundId)}/scoring/reminders`, expertIds ? { expertIds } : {}),
  results: (roundId: number) => request<RoundResults>('GET', `${round(roundId)}/scoring/results`),
  decide: (roundId: number, input: SelectionDecisionInput) => request<SelectionDecision>('POST', `${round(roundId)}/scoring/decision`, input),
  close: (roundId: number) => request<{ closedAt: string; advanced: number; stopped: number }>('POST', `${round(roundId)}/scoring/close`),

  /** The expert portal (专家端). */
  myItems: () => request<{ items: ExpertItemSummary[] }>('GET', '/api/expert/items'),
  openItem: (id: number) => request<ExpertItem>('GET', item(id)),
  recuse: (id: number, reason: string) => request<{ status: 'recused'; replaced: boolean }>('POST', `${item(id)}/recuse`, { reason }),
  saveSheet: (id: number, input: ScoreInput) => request<Sheet & { weightedScore: number | null }>('PUT', `${item(id)}/sheet`, input),
  submitSheet: (id: number, input: ScoreInput) => request<Sheet & { weightedScore: number | null }>('POST', `${item(id)}/submit`, input),
  peerScores: (id: number) => request<PeerScores>('GET', `${item(id)}/scores`),
  downloadFile: (id: number, no: number, name: string) => download(`${item(id)}/files/${no}`, name),

  notifications: (unread = false) =>
    request<{ unread: number; items: AppNotification[] }>('GET', `/api/notifications${queryString({ unread: unread ? '1' : undefined })}`),
  markRead: (id: number) => request<{ id: number; readAt: string }>('POST', `/api/notifications/${id}/read`),

  /** The panel round (终评会). */
  panels: (roundId: number) => request<PanelRoundList>('GET', `${round(roundId)}/panels`),
  createPanel: (roundId: number, input: PanelInput) => request<PanelView>('POST', `${round(roundId)}/panels`, input),
  closePanels: (roundId: number) =>
    request<{ closedAt: string; advanced: number; rejected: number }>('POST', `${round(roundId)}/panels/close`),
  myPanels: () => request<{ items: MyPanel[] }>('GET', '/api/my/panels'),
  panel: (id: number) => request<PanelView>('GET', panel(id)),
  schedule: (id: number, input: PanelScheduleInput) => request<{ slots: number }>('PUT', `${panel(id)}/schedule`, input),
  mark: (id: number, input: PanelMarkInput) => request<{ applicationId: number }>('POST', `${panel(id)}/marks`, input),
  recuseFromPanelEntry: (id: number, input: PanelRecusalInput) => request<{ applicationId: number }>('POST', `${panel(id)}/recusals`, input),
  signOff: (id: number, input: PanelSignOffInput) =>
    request<{ signedOffAt: string; lines: PanelLine[]; selected: number[] }>('POST', `${panel(id)}/sign-off`, input),
  setHonour: (applicationId: number, input: HonourInput) =>
    request<{ applicationId: number; level: HonourInput['level'] }>('PUT', `/api/applications/${applicationId}/honour`, input),
};
