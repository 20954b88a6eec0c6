/**
 * A TOP100 cycle as a program (项目) of type `index`: one round of kind `index` whose config is the
 * list size, the seed and the indicator system; the call is closed from the start (entries come
 * from the pool, nobody applies); the list is final when published (no announcement period).
 */
import { type Bilingual, type IndexRoundSpec, type ProgramInput, shanghaiDateTime } from '@keping/core';

export const INDEX_ROUND_KEY = 'index';
export const INDEX_OWNER_OFFICE = '市经济信息化委';
export const INDEX_ROUND_NAME: Bilingual = { zh: '指数测算', en: 'Index computation' };
export const INDEX_OUTCOME = { key: 'listed', name: { zh: '入榜', en: 'Listed' } } as const;

export interface IndexProgramFields {
  title: Bilingual;
  year: number;
  topN: number;
  seed: string;
  spec: IndexRoundSpec;
}

/** The program for a cycle created at `at`: its call window (Shanghai minutes) already closed. */
export function indexProgramInput(fields: IndexProgramFields, at: Date, ownerOffice = INDEX_OWNER_OFFICE): ProgramInput {
  return {
    type: 'index', ownerOffice, cycleYear: fields.year, title: fields.title, status: 'draft', announcement: false,
    call: {
      opensAt: shanghaiDateTime(new Date(at.getTime() - 60_000)), closesAt: shanghaiDateTime(at),
      allowedKinds: [], ruleSetId: null, fields: [], attachments: [],
    },
    rounds: [{ key: INDEX_ROUND_KEY, kind: 'index', name: INDEX_ROUND_NAME, config: { topN: fields.topN, seed: fields.seed, spec: fields.spec } }],
    categories: [],
    outcomes: [{ key: INDEX_OUTCOME.key, name: { ...INDEX_OUTCOME.name }, quota: fields.topN }],
  };
}
