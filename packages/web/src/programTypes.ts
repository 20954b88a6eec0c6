/**
 * Shapes of the program engine's HTTP API (packages/server/src/programs): the server's response shapes are
 * declared once in @keping/core (src/api/programs.ts); only what the web sends is declared here.
 */
export type {
  ApplicantScreening, Application, ApplicationFile, Explained, ExplainedLine, Program, ProgramCall as Call,
  ProgramRound as Round, ScreeningDecision, ScreeningItem, ScreeningList, ScreeningRunSummary,
} from '@keping/core';

/** What the form sends: core's ApplicationInput before defaults. */
export interface ApplicationDraft {
  title: string;
  category: string | null;
  values: Record<string, string | number | null>;
}
