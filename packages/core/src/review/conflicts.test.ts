import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import {
  type ConflictEntry, type ConflictExpert, type ConflictInput, type ConflictReason, conflictLookup, findConflicts,
} from './conflicts.js';

/** The definition, pair by pair, written independently of the indexed engine. */
function reasonsByDefinition(input: ConflictInput, expert: ConflictExpert, entry: ConflictEntry): ConflictReason[] {
  const orgs = new Set([entry.applicant, ...(entry.participants ?? [])]);
  const people = new Set((entry.people ?? []).map((p) => p.trim().toLowerCase()));
  const [y, m, d] = input.asOf.split('-');
  const since = `${Number(y) - (input.formerEmployerYears ?? 3)}-${m}-${d}`;
  const reasons = new Set<ConflictReason>();
  if (expert.employer && orgs.has(expert.employer)) reasons.add('same_organisation');
  for (const job of expert.formerEmployers ?? []) {
    if (orgs.has(job.organisation) && (!job.end || job.end >= since) && (!job.start || job.start <= input.asOf)) reasons.add('former_employer');
  }
  if ((expert.shareholdings ?? []).some((o) => orgs.has(o))) reasons.add('shareholding');
  for (const org of orgs) {
    if ((input.organisationConsortia?.[org] ?? []).some((c) => (expert.consortia ?? []).includes(c))) reasons.add('same_consortium');
  }
  if ((expert.declared ?? []).some((x) => x === entry.id || orgs.has(x))) reasons.add('declared');
  if ((expert.collaborators ?? []).some((p) => people.has(p.trim().toLowerCase()))) reasons.add('collaborator');
  if (expert.person && people.has(expert.person.trim().toLowerCase())) reasons.add('named_person');
  return [...reasons].sort();
}

const reasonsOf = (c: { causes: { reason: ConflictReason }[] } | undefined) => [...new Set((c?.causes ?? []).map((x) => x.reason))].sort();

describe('conflicts of interest', () => {
  const entries: ConflictEntry[] = [
    { id: 'E1', applicant: 'ORG-A', participants: ['ORG-B'], people: ['Zhang San', '李四'] },
    { id: 'E2', applicant: 'ORG-C', people: ['王五'] },
    { id: 'E3', applicant: 'ORG-D' },
  ];
  const input: ConflictInput = {
    asOf: '2024-10-24',
    entries,
    organisationConsortia: { 'ORG-D': ['CONS-1'], 'ORG-X': ['CONS-1'] },
    experts: [
      { id: 'X1', employer: 'ORG-B' },
      { id: 'X2', formerEmployers: [{ organisation: 'ORG-C', start: '2015-01-01', end: '2021-10-24' }] },
      { id: 'X3', formerEmployers: [{ organisation: 'ORG-C', start: '2015-01-01', end: '2021-10-23' }, { organisation: 'ORG-A' }] },
      { id: 'X4', shareholdings: ['ORG-D'], consortia: ['CONS-1'], declared: ['E2'] },
      { id: 'X5', collaborators: ['  zhang   san '], person: '王五', declared: ['ORG-A'] },
      { id: 'X6', employer: 'ORG-Z', collaborators: ['nobody'] },
    ],
  };

  it('finds each reason and explains it', () => {
    const report = findConflicts(input);
    expect(report.errors).toEqual([]);
    expect(report.formerEmployerSince).toBe('2021-10-24');
    expect(report.conflicts.map((c) => [c.expert, c.entry, reasonsOf(c)])).toEqual([
      ['X1', 'E1', ['same_organisation']],
      // Ending exactly three years before the as-of date is inside the window; a day earlier is not.
      ['X2', 'E2', ['former_employer']],
      // No end date: taken as recent.
      ['X3', 'E1', ['former_employer']],
      ['X4', 'E2', ['declared']],
      ['X4', 'E3', ['same_consortium', 'shareholding']],
      ['X5', 'E1', ['collaborator', 'declared']],
      ['X5', 'E2', ['named_person']],
    ]);
    const x4e3 = report.conflicts.find((c) => c.expert === 'X4' && c.entry === 'E3');
    expect(x4e3?.causes.map((c) => c.reason)).toEqual(['shareholding', 'same_consortium']);
    expect(x4e3?.causes[1]).toMatchObject({ via: 'CONS-1', organisation: 'ORG-D', message: { key: 'review.conflict.same_consortium' } });
    expect(report.conflicts[1]?.causes[0]?.message).toEqual({
      key: 'review.conflict.former_employer', params: { expert: 'X2', entry: 'E2', via: 'ORG-C', until: '2021-10-24' },
    });
    expect(report.counts).toMatchObject({ same_organisation: 1, former_employer: 2, same_consortium: 1, declared: 2 });
    const lookup = conflictLookup(report.conflicts);
    expect(lookup('X1', 'E1')?.causes[0]?.reason).toBe('same_organisation');
    expect(lookup('X1', 'E2')).toBeUndefined();
  });

  it('widens and narrows the former-employer window as configured', () => {
    const wider = findConflicts({ ...input, formerEmployerYears: 5 });
    expect(conflictLookup(wider.conflicts)('X3', 'E2')).toBeDefined();
    const none = findConflicts({ ...input, formerEmployerYears: 0 });
    expect(conflictLookup(none.conflicts)('X2', 'E2')).toBeUndefined();
  });

  it('reports bad dates and duplicate ids as values', () => {
    const report = findConflicts({
      asOf: '2024-02-30',
      entries: [...entries, { id: 'E1', applicant: 'ORG-Q' }],
      experts: [{ id: 'X1', formerEmployers: [{ organisation: 'ORG-A', end: 'soon' }] }],
    });
    expect(report.errors.map((e) => `${e.code}@${e.field}`)).toEqual([
      'DATE_FORMAT@asOf', 'DUPLICATE_ID@entries[3].id', 'DATE_FORMAT@experts[0].formerEmployers[0].end',
    ]);
  });

  it('matches the pair-by-pair definition on random inputs', () => {
    const org = fc.constantFrom('O1', 'O2', 'O3', 'O4', 'O5');
    const person = fc.constantFrom('p1', 'P1 ', 'p2', 'p3');
    const date = fc.constantFrom('2019-05-01', '2021-10-23', '2021-10-24', '2023-01-01', '2025-01-01');
    const entry = fc.record({ applicant: org, participants: fc.array(org, { maxLength: 2 }), people: fc.array(person, { maxLength: 2 }) });
    const expert = fc.record({
      employer: fc.option(org, { nil: undefined }),
      person: fc.option(person, { nil: undefined }),
      formerEmployers: fc.array(fc.record({ organisation: org, start: fc.option(date, { nil: undefined }), end: fc.option(date, { nil: undefined }) }), { maxLength: 2 }),
      shareholdings: fc.array(org, { maxLength: 2 }),
      declared: fc.array(fc.constantFrom('O1', 'E0', 'E1'), { maxLength: 2 }),
      collaborators: fc.array(person, { maxLength: 2 }),
      consortia: fc.array(fc.constantFrom('C1', 'C2'), { maxLength: 2 }),
    });
    const consortia = fc.dictionary(org, fc.array(fc.constantFrom('C1', 'C2'), { maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), fc.array(expert, { maxLength: 5 }), consortia, (es, xs, oc) => {
        const data: ConflictInput = {
          asOf: '2024-10-24',
          entries: es.map((e, i) => ({ id: `E${i}`, ...e })),
          experts: xs.map((x, i) => ({ id: `X${i}`, ...x })),
          organisationConsortia: oc,
        };
        const lookup = conflictLookup(findConflicts(data).conflicts);
        for (const x of data.experts) {
          for (const e of data.entries) expect(reasonsOf(lookup(x.id, e.id))).toEqual(reasonsByDefinition(data, x, e));
        }
      }),
    );
  });

  it('handles 100k entries × 20k experts through its indexes', () => {
    const rng = createRng('conflicts-100k');
    const orgs = Array.from({ length: 30_000 }, (_, i) => `ORG${i}`);
    const pick = <T,>(xs: readonly T[]): T => xs[rng.int(xs.length)] as T;
    const people = Array.from({ length: 200_000 }, (_, i) => `person ${i}`);
    const organisationConsortia: Record<string, string[]> = {};
    for (let i = 0; i < 3_000; i++) organisationConsortia[pick(orgs)] = [`C${rng.int(400)}`];
    const entries: ConflictEntry[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `E${i}`, applicant: pick(orgs), participants: Array.from({ length: rng.int(3) }, () => pick(orgs)),
      people: Array.from({ length: 1 + rng.int(4) }, () => pick(people)),
    }));
    const experts: ConflictExpert[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `X${i}`, employer: pick(orgs), person: pick(people),
      formerEmployers: [{ organisation: pick(orgs), end: `20${10 + rng.int(15)}-06-30` }],
      shareholdings: rng.next() < 0.2 ? [pick(orgs)] : [], declared: rng.next() < 0.1 ? [`E${rng.int(100_000)}`] : [],
      collaborators: Array.from({ length: rng.int(5) }, () => pick(people)), consortia: rng.next() < 0.1 ? [`C${rng.int(400)}`] : [],
    }));
    const data: ConflictInput = { asOf: '2024-10-24', entries, experts, organisationConsortia };
    const t0 = performance.now();
    const report = findConflicts(data);
    const ms = performance.now() - t0;
    console.log(`conflicts: 100,000 entries × 20,000 experts → ${report.conflicts.length} conflicts in ${ms.toFixed(0)} ms`, report.counts);
    expect(report.errors).toEqual([]);
    expect(report.conflicts.length).toBeGreaterThan(10_000);
    // Every reported pair, and a sample of all pairs, agree with the definition.
    const lookup = conflictLookup(report.conflicts);
    const expertAt = new Map(experts.map((x) => [x.id, x]));
    const entryAt = new Map(entries.map((e) => [e.id, e]));
    for (const c of report.conflicts.slice(0, 5_000)) {
      expect(reasonsOf(c)).toEqual(reasonsByDefinition(data, expertAt.get(c.expert)!, entryAt.get(c.entry)!));
    }
    for (let i = 0; i < 20_000; i++) {
      const x = pick(experts);
      const e = pick(entries);
      expect(reasonsOf(lookup(x.id, e.id))).toEqual(reasonsByDefinition(data, x, e));
    }
  }, 300_000);
});
