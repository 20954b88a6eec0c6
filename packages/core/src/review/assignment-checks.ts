/**
 * Infeasibility, explained. Cheap counting checks run first and name the entry or expert
 * at fault; when they pass but the flow still cannot route an entry, the nodes the flow
 * could reach describe the group of entries competing for too few places.
 */
import type { FieldError } from '../errors.js';
import type { AssignmentNetwork } from './assignment-network.js';
import type { CompiledAssignment } from './assignment-types.js';

const MAX_ERRORS = 100;

/** Per-entry and global counting checks; an empty list means the flow is worth trying. */
export function feasibilityProblems(p: CompiledAssignment): FieldError[] {
  const problems: FieldError[] = [];
  const add = (e: FieldError): void => {
    if (problems.length < MAX_ERRORS) problems.push(e);
  };
  const n = p.entryIds.length;
  const m = p.expertIds.length;
  const k = p.perEntry;
  const eligibleEntries = new Int32Array(m);
  const org = p.expertOrganisation;
  let orgCount = 0;
  for (let j = 0; j < m; j++) orgCount = Math.max(orgCount, org[j]! + 1);
  const seen = new Int32Array(orgCount).fill(-1);

  for (let i = 0; i < n; i++) {
    const from = p.pairStart[i]!;
    const to = p.pairStart[i + 1]!;
    let distinct = 0;
    for (let q = from; q < to; q++) {
      const j = p.pairExpert[q]!;
      eligibleEntries[j]!++;
      const o = org[j]!;
      if (o < 0) distinct++;
      else if (seen[o] !== i) {
        seen[o] = i;
        distinct++;
      }
    }
    const entry = p.entryIds[i]!;
    if (to - from < k) {
      add({ code: 'ASSIGNMENT_TOO_FEW_EXPERTS', field: `entries[${i}]`, params: { entry, available: to - from, needed: k } });
    } else if (p.onePerOrganisation && distinct < k) {
      add({ code: 'ASSIGNMENT_TOO_FEW_ORGANISATIONS', field: `entries[${i}]`, params: { entry, available: distinct, needed: k } });
    }
  }

  let usable = 0;
  let minTotal = 0;
  for (let j = 0; j < m; j++) {
    usable += Math.min(p.maxLoad[j]!, eligibleEntries[j]!);
    minTotal += p.minLoad[j]!;
    if (p.minLoad[j]! > eligibleEntries[j]!) {
      add({
        code: 'ASSIGNMENT_MIN_LOAD_EXPERT', field: `experts[${j}]`,
        params: { expert: p.expertIds[j]!, minLoad: p.minLoad[j]!, eligible: eligibleEntries[j]! },
      });
    }
  }
  if (usable < n * k) {
    add({ code: 'ASSIGNMENT_CAPACITY', field: 'maxLoad', params: { capacity: usable, needed: n * k, entries: n, perEntry: k } });
  }
  if (minTotal > n * k) add({ code: 'ASSIGNMENT_MIN_LOAD_TOTAL', field: 'minLoad', params: { total: minTotal, needed: n * k } });
  for (const e of categoryShortages(p)) add(e);
  return problems;
}

/**
 * A category (组别, panel) whose entries need more assignments than the experts eligible for
 * them can take, counting each expert at most once per entry of the category and at most
 * its maximum load. Necessary for feasibility (experts shared between categories only make
 * it harder), checked only when two or more categories are in use.
 */
function categoryShortages(p: CompiledAssignment): FieldError[] {
  const cats = p.entryCategory;
  const names = p.categoryNames ?? [];
  if (!cats || names.length < 2) return [];
  const m = p.expertIds.length;
  const byCategory: number[][] = names.map(() => []);
  for (let i = 0; i < cats.length; i++) if (cats[i]! >= 0) byCategory[cats[i]!]!.push(i);
  const count = new Int32Array(m);
  const touched: number[] = [];
  const out: FieldError[] = [];
  byCategory.forEach((entries, c) => {
    if (entries.length === 0) return;
    for (const i of entries) {
      for (let q = p.pairStart[i]!; q < p.pairStart[i + 1]!; q++) {
        const j = p.pairExpert[q]!;
        if (count[j]!++ === 0) touched.push(j);
      }
    }
    let capacity = 0;
    for (const j of touched) {
      capacity += Math.min(count[j]!, p.maxLoad[j]!);
      count[j] = 0;
    }
    touched.length = 0;
    const needed = entries.length * p.perEntry;
    if (capacity < needed) {
      out.push({ code: 'ASSIGNMENT_CATEGORY_CAPACITY', field: 'category', params: { category: names[c]!, entries: entries.length, needed, capacity } });
    }
  });
  return out;
}

/**
 * Turns a failed flow into an error naming the entry (or the expert whose minimum is unmet):
 * `entryNode` could not be given `missing` more experts; `reached` are the nodes it reaches.
 */
export function flowFailure(
  p: CompiledAssignment,
  view: AssignmentNetwork,
  entryNode: number,
  missing: number,
  reached: Int32Array,
): FieldError {
  const { net, expertBase, sink } = view;
  const i = view.entries[entryNode]!;
  // The competing group: the entries the flow could reach, and every expert they may use.
  let entries = 0;
  let experts = 0;
  let sinkReached = false;
  const counted = new Uint8Array(p.expertIds.length);
  for (const v of reached) {
    if (v === sink) sinkReached = true;
    if (v >= view.entries.length) continue;
    entries++;
    const e = view.entries[v]!;
    for (let q = p.pairStart[e]!; q < p.pairStart[e + 1]!; q++) {
      if (!counted[p.pairExpert[q]!]) {
        counted[p.pairExpert[q]!] = 1;
        experts++;
      }
    }
  }
  if (sinkReached || net.supply[sink]! === 0) {
    for (let j = 0; j < p.expertIds.length; j++) {
      if (net.supply[expertBase + j]! < 0) {
        return {
          code: 'ASSIGNMENT_MIN_LOAD_UNMET', field: `experts[${j}]`,
          params: { expert: p.expertIds[j]!, minLoad: p.minLoad[j]!, missing: -net.supply[expertBase + j]! },
        };
      }
    }
  }
  return {
    code: 'ASSIGNMENT_ENTRY_BLOCKED', field: `entries[${i}]`,
    params: { entry: p.entryIds[i]!, missing, entries: entries - 1, experts },
  };
}
