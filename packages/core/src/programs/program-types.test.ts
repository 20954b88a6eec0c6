import { describe, expect, it } from 'vitest';
import { checkProgram } from './check.js';
import { PROGRAM_TYPE_PRESETS, PROGRAM_TYPES, presetOf } from './program-types.js';
import { ROUND_KIND_MODULES } from './rounds/registry.js';
import { programInputSchema } from './schema.js';

const base = {
  ownerOffice: '市经信委', cycleYear: 2026, title: { zh: '测试', en: 'Test' },
  call: { opensAt: '2026-03-01 09:00', closesAt: '2026-04-30 17:00' },
};

describe('program types as presets', () => {
  it('declares every type once, each starting from rounds and outcomes that pass the program checks', () => {
    expect(PROGRAM_TYPES).toEqual(['competition', 'designation', 'evaluation', 'award', 'index', 'case_call']);
    for (const type of PROGRAM_TYPES) {
      const preset = presetOf(type);
      const input = programInputSchema.parse({ ...base, type, rounds: preset.rounds, outcomes: preset.outcomes });
      expect(checkProgram(input).errors, type).toEqual([]);
      expect(preset.rounds.length, type).toBeGreaterThan(0);
    }
  });

  it('draws the entries of evaluations and indices from a pool, of the others from applications', () => {
    const pooled = PROGRAM_TYPES.filter((t) => presetOf(t).entries === 'pool');
    expect(pooled).toEqual(['evaluation', 'index']);
    expect(PROGRAM_TYPE_PRESETS.evaluation.pool).toBe('holders');
    expect(PROGRAM_TYPE_PRESETS.index.pool).toBe('sources');
    // the first round of a pool type is of a kind that can run on a pool, or scores what it is given
    expect(ROUND_KIND_MODULES[PROGRAM_TYPE_PRESETS.index.rounds[0].kind].entries).toBe('pool');
    expect(PROGRAM_TYPE_PRESETS.index.announcement).toBe(false);
  });

  it('refuses a round config that its kind rejects, naming the round and the field', () => {
    const input = programInputSchema.parse({
      ...base, type: 'competition',
      rounds: [{ key: 'review', kind: 'scoring', name: { zh: '评审', en: 'Review' }, config: { assignment: { mode: 'random' } } }],
    });
    expect(checkProgram(input).errors).toEqual([
      { code: 'ASSIGNMENT_SEED_REQUIRED', field: 'rounds.0.config.assignment.seed', params: { round: 'review' } },
    ]);
  });
});
