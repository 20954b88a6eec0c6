/**
 * Program types (项目类型) are presets, declared as data: where a type's entries come from, the rounds
 * and outcomes a new program of the type starts with, the pages it has beside its rounds, and whether
 * its list is announced (公示) before it is final. Adding a type: one entry here (and its labels).
 */
import type { ProgramOutcome, RoundInput } from './schema.js';

/** Where a program's entries come from: applications to its call, or a pool drawn by the office (no application). */
export const ENTRY_SOURCES = ['applications', 'pool'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/** Pages a program has besides its rounds. */
export const PROGRAM_PAGES = ['awards', 'publication'] as const;
export type ProgramPage = (typeof PROGRAM_PAGES)[number];

export interface ProgramTypePreset {
  entries: EntrySource;
  /** For a pool: what the office draws it from (source lists and the registry, or the holders of a title on a day). */
  pool?: 'sources' | 'holders';
  rounds: RoundInput[];
  outcomes: ProgramOutcome[];
  pages: readonly ProgramPage[];
  /** Whether the list is announced for objections (公示) before it is final. */
  announcement: boolean;
}

const name = (zh: string, en: string) => ({ zh, en });
const round = (key: string, kind: RoundInput['kind'], zh: string, en: string): RoundInput => ({ key, kind, name: name(zh, en), config: {} });
const outcome = (key: string, zh: string, en: string): ProgramOutcome => ({ key, name: name(zh, en), quota: null });

export const PROGRAM_TYPE_PRESETS = {
  /** A competition (立功竞赛): applications screened, scored by experts, judged by panels; awards beside. */
  competition: {
    entries: 'applications', rounds: [round('screening', 'screening', '形式审查', 'Screening'), round('review', 'scoring', '专家评审', 'Expert review'), round('final', 'panel', '终审答辩', 'Final presentations')],
    outcomes: [outcome('excellent', '优秀成果', 'Excellent achievement')], pages: ['awards', 'publication'], announcement: true,
  },
  /** A designation (认定): applicants screened by the rules and reviewed; the outcome grants a title. */
  designation: {
    entries: 'applications', rounds: [round('screening', 'screening', '形式审查', 'Screening'), round('review', 'scoring', '专家评审', 'Expert review')],
    outcomes: [{ ...outcome('designated', '认定市级企业技术中心', 'Municipal technology centre'), grants: { title: 'tech_center', tier: 'municipal' } }],
    pages: ['publication'], announcement: true,
  },
  /** An evaluation of current holders (复核评价): the holders of a title on a day, scored; no application. */
  evaluation: {
    entries: 'pool', pool: 'holders', rounds: [round('review', 'scoring', '评价打分', 'Evaluation')],
    outcomes: [outcome('passed', '评价合格', 'Passed')], pages: ['publication'], announcement: true,
  },
  /** An award (奖励): applications screened and scored; granted within quotas. */
  award: {
    entries: 'applications', rounds: [round('screening', 'screening', '形式审查', 'Screening'), round('review', 'scoring', '专家评审', 'Expert review')],
    outcomes: [outcome('awarded', '获奖', 'Awarded')], pages: ['awards', 'publication'], announcement: true,
  },
  /** An index (指数榜单): a composite index over a pool drawn from source lists; the top N listed. */
  index: {
    entries: 'pool', pool: 'sources', rounds: [round('index', 'index', '指数测算', 'Index')],
    outcomes: [outcome('listed', '上榜', 'Listed')], pages: ['publication'], announcement: false,
  },
  /** A call for cases (案例征集): submissions screened and reviewed into a collection. */
  case_call: {
    entries: 'applications', rounds: [round('screening', 'screening', '形式审查', 'Screening'), round('review', 'scoring', '专家评审', 'Expert review')],
    outcomes: [outcome('selected', '入选案例', 'Selected case')], pages: ['publication'], announcement: true,
  },
} as const satisfies Record<string, ProgramTypePreset>;

export type ProgramType = keyof typeof PROGRAM_TYPE_PRESETS;
export const PROGRAM_TYPES = Object.keys(PROGRAM_TYPE_PRESETS) as [ProgramType, ...ProgramType[]];

export function presetOf(type: ProgramType): ProgramTypePreset {
  return PROGRAM_TYPE_PRESETS[type];
}
