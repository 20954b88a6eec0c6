/**
 * Validation and compilation of an assignment input: ids become indices, each rule that
 * removes a pair (conflict 回避, same organisation, category, expertise threshold) is applied
 * once and counted, and the eligible pairs are laid out per entry in typed arrays.
 */
import type { FieldError } from '../errors.js';
import type { AssignmentInput, CompiledAssignment, ExcludedPairs, Outcome } from './assignment-types.js';

const MAX_ERRORS = 100;
const DEFAULT_MAX_PAIRS = 20_000_000;

function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

class Problems {
  readonly list: FieldError[] = [];
  add(code: string, field: string, params?: Record<string, string | number>): void {
    if (this.list.length < MAX_ERRORS) this.list.push(params ? { code, field, params } : { code, field });
  }
  get full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }
}

/** Checks the scalar options shared by every mode. */
function checkOptions(input: AssignmentInput, problems: Problems): void {
  if (!Number.isInteger(input.perEntry) || input.perEntry < 1) {
    problems.add('ASSIGNMENT_PER_ENTRY', 'perEntry', { value: String(input.perEntry) });
  }
  if (!isNonNegativeInt(input.maxLoad)) problems.add('ASSIGNMENT_LOAD', 'maxLoad', { value: String(input.maxLoad) });
  const minLoad = input.minLoad ?? 0;
  if (!isNonNegativeInt(minLoad)) problems.add('ASSIGNMENT_LOAD', 'minLoad', { value: String(minLoad) });
  else if (isNonNegativeInt(input.maxLoad) && minLoad > input.maxLoad) {
    problems.add('ASSIGNMENT_LOAD_ORDER', 'minLoad', { minLoad, maxLoad: input.maxLoad });
  }
  if (input.reserves !== undefined && !isNonNegativeInt(input.reserves)) {
    problems.add('ASSIGNMENT_RESERVES', 'reserves', { value: String(input.reserves) });
  }
  if (input.minScore !== undefined && !Number.isFinite(input.minScore)) {
    problems.add('ASSIGNMENT_SCORE_INVALID', 'minScore', { value: String(input.minScore) });
  }
  if (input.candidates !== 'all' && input.candidates !== 'listed') {
    problems.add('ASSIGNMENT_CANDIDATES', 'candidates', { value: String(input.candidates) });
  }
  if (input.mode === 'random' && (input.seed === undefined || String(input.seed) === '')) {
    problems.add('ASSIGNMENT_SEED_REQUIRED', 'seed');
  }
}

function indexIds(
  items: readonly { id: string }[],
  list: 'entries' | 'experts',
  problems: Problems,
): Map<string, number> {
  const index = new Map<string, number>();
  const duplicate = list === 'entries' ? 'ASSIGNMENT_DUPLICATE_ENTRY' : 'ASSIGNMENT_DUPLICATE_EXPERT';
  items.forEach((item, i) => {
    const id = item.id;
    if (typeof id !== 'string' || id.trim() === '') problems.add('ASSIGNMENT_ID_MISSING', `${list}[${i}].id`, { index: i + 1 });
    else if (index.has(id)) problems.add(duplicate, `${list}[${i}].id`, { id, first: index.get(id)! + 1, index: i + 1 });
    else index.set(id, i);
  });
  return index;
}

function norm(value: string | undefined): string {
  return (value ?? '').trim();
}

export function compileAssignment(input: AssignmentInput): Outcome<CompiledAssignment> {
  const problems = new Problems();
  checkOptions(input, problems);
  const entryIndex = indexIds(input.entries, 'entries', problems);
  const expertIndex = indexIds(input.experts, 'experts', problems);
  const n = input.entries.length;
  const m = input.experts.length;

  const minLoad = new Int32Array(m);
  const maxLoad = new Int32Array(m);
  input.experts.forEach((x, j) => {
    const lo = x.minLoad ?? input.minLoad ?? 0;
    const hi = x.maxLoad ?? input.maxLoad;
    if (!isNonNegativeInt(lo) || !isNonNegativeInt(hi)) {
      problems.add('ASSIGNMENT_LOAD', `experts[${j}].maxLoad`, { value: `${String(lo)}..${String(hi)}` });
    } else if (lo > hi) {
      problems.add('ASSIGNMENT_EXPERT_LOAD_ORDER', `experts[${j}].minLoad`, { expert: x.id, minLoad: lo, maxLoad: hi });
    } else {
      minLoad[j] = lo;
      maxLoad[j] = hi;
    }
  });

  // Affinity rows, looked up once and grouped by entry.
  const rows = input.affinity.length;
  const rowEntry = new Int32Array(rows);
  const rowExpert = new Int32Array(rows);
  for (let r = 0; r < rows && !problems.full; r++) {
    const a = input.affinity[r]!;
    const i = entryIndex.get(a.entryId);
    const j = expertIndex.get(a.expertId);
    if (i === undefined) problems.add('ASSIGNMENT_UNKNOWN_ENTRY', `affinity[${r}].entryId`, { id: String(a.entryId), index: r + 1 });
    if (j === undefined) problems.add('ASSIGNMENT_UNKNOWN_EXPERT', `affinity[${r}].expertId`, { id: String(a.expertId), index: r + 1 });
    if (typeof a.score !== 'number' || !Number.isFinite(a.score)) {
      problems.add('ASSIGNMENT_SCORE_INVALID', `affinity[${r}].score`, { value: String(a.score), index: r + 1 });
    }
    rowEntry[r] = i ?? 0;
    rowExpert[r] = j ?? 0;
  }
  const conflicts = input.conflicts ?? [];
  const conflictEntry = new Int32Array(conflicts.length);
  const conflictExpert = new Int32Array(conflicts.length);
  conflicts.forEach((c, r) => {
    const i = entryIndex.get(c.entryId);
    const j = expertIndex.get(c.expertId);
    if (i === undefined) problems.add('ASSIGNMENT_UNKNOWN_ENTRY', `conflicts[${r}].entryId`, { id: String(c.entryId), index: r + 1 });
    if (j === undefined) problems.add('ASSIGNMENT_UNKNOWN_EXPERT', `conflicts[${r}].expertId`, { id: String(c.expertId), index: r + 1 });
    conflictEntry[r] = i ?? 0;
    conflictExpert[r] = j ?? 0;
  });
  if (problems.list.length > 0) return { ok: false, errors: problems.list };

  // Rows sorted by (entry, expert) with two stable counting sorts.
  const byExpert = countingOrder(rowExpert, m, null);
  const order = countingOrder(rowEntry, n, byExpert);
  const rowStart = new Int32Array(n + 1);
  for (let r = 0; r < rows; r++) rowStart[rowEntry[r]! + 1]!++;
  for (let i = 0; i < n; i++) rowStart[i + 1]! += rowStart[i]!;
  for (let t = 1; t < rows; t++) {
    const a = order[t - 1]!;
    const b = order[t]!;
    if (rowEntry[a] === rowEntry[b] && rowExpert[a] === rowExpert[b]) {
      problems.add('ASSIGNMENT_DUPLICATE_PAIR', `affinity[${Math.max(a, b)}]`, {
        entry: input.entries[rowEntry[b]!]!.id, expert: input.experts[rowExpert[b]!]!.id,
        first: Math.min(a, b) + 1, index: Math.max(a, b) + 1,
      });
    }
  }
  if (problems.list.length > 0) return { ok: false, errors: problems.list };

  // Conflicts grouped by entry.
  const conflictOrder = countingOrder(conflictEntry, n, null);
  const conflictStart = new Int32Array(n + 1);
  for (let r = 0; r < conflicts.length; r++) conflictStart[conflictEntry[r]! + 1]!++;
  for (let i = 0; i < n; i++) conflictStart[i + 1]! += conflictStart[i]!;

  // Organisations and categories as small integers.
  const orgIndex = new Map<string, number>();
  const orgOf = (name: string | undefined): number => {
    const key = norm(name);
    if (key === '') return -1;
    let v = orgIndex.get(key);
    if (v === undefined) orgIndex.set(key, (v = orgIndex.size));
    return v;
  };
  const entryOrg = Int32Array.from(input.entries, (e) => orgOf(e.organisation));
  const expertOrganisation = Int32Array.from(input.experts, (x) => orgOf(x.organisation));
  const categoryIndex = new Map<string, number>();
  const entryCategory = Int32Array.from(input.entries, (e) => {
    const key = norm(e.category);
    if (key === '') return -1;
    let v = categoryIndex.get(key);
    if (v === undefined) categoryIndex.set(key, (v = categoryIndex.size));
    return v;
  });
  const expertCategories: (Set<number> | null)[] = input.experts.map((x) => {
    const keys = (x.categories ?? []).map(norm).filter((c) => c !== '');
    return keys.length === 0 ? null : new Set(keys.map((k) => categoryIndex.get(k) ?? -2));
  });

  const dense = input.candidates === 'all';
  const maxPairs = input.maxPairs ?? DEFAULT_MAX_PAIRS;
  if (dense && n * m > maxPairs) {
    return { ok: false, errors: [{ code: 'ASSIGNMENT_TOO_MANY_PAIRS', field: 'candidates', params: { pairs: n * m, limit: maxPairs } }] };
  }
  const sameOrg = input.sameOrganisationIsConflict === true;
  const minScore = input.minScore ?? -Infinity;
  const excluded: ExcludedPairs = { conflict: 0, sameOrganisation: 0, category: 0, belowMinScore: 0 };
  const capacity = dense ? n * m : rows;
  let pairExpert = new Int32Array(capacity);
  let pairScore = new Float64Array(capacity);
  const pairStart = new Int32Array(n + 1);
  const stamp = new Int32Array(m).fill(-1);
  const listed = new Float64Array(m);
  const conflicted = new Int32Array(m).fill(-1);
  let p = 0;

  for (let i = 0; i < n; i++) {
    for (let c = conflictStart[i]!; c < conflictStart[i + 1]!; c++) conflicted[conflictExpert[conflictOrder[c]!]!] = i;
    const org = entryOrg[i]!;
    const category = entryCategory[i]!;
    const consider = (j: number, score: number): void => {
      if (conflicted[j] === i) excluded.conflict++;
      else if (sameOrg && org >= 0 && expertOrganisation[j] === org) excluded.sameOrganisation++;
      else if (category >= 0 && expertCategories[j] !== null && !expertCategories[j]!.has(category)) excluded.category++;
      else if (score < minScore) excluded.belowMinScore++;
      else {
        pairExpert[p] = j;
        pairScore[p++] = score;
      }
    };
    if (dense) {
      for (let t = rowStart[i]!; t < rowStart[i + 1]!; t++) {
        const r = order[t]!;
        stamp[rowExpert[r]!] = i;
        listed[rowExpert[r]!] = input.affinity[r]!.score;
      }
      for (let j = 0; j < m; j++) consider(j, stamp[j] === i ? listed[j]! : 0);
    } else {
      for (let t = rowStart[i]!; t < rowStart[i + 1]!; t++) {
        const r = order[t]!;
        consider(rowExpert[r]!, input.affinity[r]!.score);
      }
    }
    pairStart[i + 1] = p;
  }
  if (p < capacity) {
    pairExpert = pairExpert.slice(0, p);
    pairScore = pairScore.slice(0, p);
  }
  return {
    ok: true,
    value: {
      entryIds: input.entries.map((e) => e.id),
      expertIds: input.experts.map((x) => x.id),
      perEntry: input.perEntry,
      minLoad, maxLoad, pairStart, pairExpert, pairScore, expertOrganisation,
      onePerOrganisation: input.onePerOrganisation === true,
      entryCategory,
      categoryNames: [...categoryIndex.keys()],
      excluded,
    },
  };
}

/** Stable counting sort of positions by key (keys in [0, range)), optionally of a given order. */
function countingOrder(keys: Int32Array, range: number, within: Int32Array | null): Int32Array {
  const count = new Int32Array(range + 1);
  for (let t = 0; t < keys.length; t++) count[keys[t]! + 1]!++;
  for (let k = 0; k < range; k++) count[k + 1]! += count[k]!;
  const out = new Int32Array(keys.length);
  for (let t = 0; t < keys.length; t++) {
    const r = within === null ? t : within[t]!;
    out[count[keys[r]!]!++] = r;
  }
  return out;
}
