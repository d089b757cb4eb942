/**
 * Model reduction for maximum coverage before any search or MIP (exact: the reduced problem has the
 * same optimum as the original, and every reduced solution maps to an original one of equal value).
 *
 *  1. Demand that cannot change the objective leaves: weight 0, already covered by existing sites
 *     (its weight becomes a constant), or out of reach of every open candidate.
 *  2. Demand points covered by exactly the same open candidates merge into one group whose weight is
 *     their sum (a site set covers all of them or none).
 *  3. A candidate a whose covered groups are a subset of another candidate b's is dropped when b may
 *     replace a in any solution: conflicts(b) ⊆ conflicts(a) ∪ {a} (with spacing rules; always without).
 *     Equal sets keep the lower index. The relation is acyclic (|cover| grows, or the index falls), so
 *     replacing dropped sites by their dominators one at a time ends in a solution of the kept sites
 *     that is feasible (k is an upper limit) and covers at least as much. Candidates covering no
 *     group are dropped too.
 *  4. Groups are merged again over the kept candidates (dropping sites can make coverer sets equal).
 *
 * Groups are found by hashing each point's sorted coverer list (two 32-bit hashes and the count) and
 * then checked exactly (every coverer of a point covers its group's representative, and the counts
 * match), so a hash collision can only leave a point in a group of its own, never merge wrong ones.
 */
import type { CoverageProblem } from './coverage_greedy';
import type { SolveControl } from './solve_control';
import type { ConflictGraph, CoverageSets } from './types';

export interface CoverageReduction {
  /** The reduced problem: demand = groups, candidates = kept sites; no baseline, every site open. */
  problem: CoverageProblem;
  /** Original candidate index of each reduced candidate. */
  site: Int32Array;
  /** Weight counted whatever the sites: demand already covered by existing facilities. */
  constant: number;
  /** Demand points that matter (weight > 0, not yet covered, reachable). */
  activeDemand: number;
  /** Open candidates dropped (dominated, or covering no demand that matters). */
  droppedCandidates: number;
  /** Size of the unreduced max-coverage MIP (equal to coverageModelSize, without another pass). */
  modelSize: { columns: number; nonzeros: number };
  /** The reduced problem's group → candidates lists (ascending), the transpose of its coverage sets. */
  coverers: { start: Int32Array; site: Int32Array };
}

/**
 * Reduces a max-coverage problem (see the file comment).
 * @example reduceCoverage(problem).problem.coverage.demandCount // number of demand groups
 */
export function reduceCoverage(problem: CoverageProblem, control?: SolveControl): CoverageReduction {
  const { coverage, weights, baseline, open, conflicts } = problem;
  const { demandCount, candidateCount } = coverage;
  let constant = 0;
  for (let i = 0; i < demandCount; i++) if (baseline[i]) constant += weights[i];
  const matters = new Uint8Array(demandCount);
  for (let i = 0; i < demandCount; i++) matters[i] = !baseline[i] && weights[i] > 0 ? 1 : 0;
  // Demand → open coverers (ascending), for the demand that matters.
  const byDemand = transpose(coverage, open, matters, control);
  const activeDemand = byDemand.point.length;
  const pairs = byDemand.site.length;
  let openCount = 0;
  for (let j = 0; j < candidateCount; j++) openCount += open[j];

  // Step 2: groups of points with the same coverers, numbered by their first coverer (locality).
  const all = new Uint8Array(candidateCount).fill(1);
  const first = groupLists(byDemand.start, byDemand.site, activeDemand, all);
  const order = orderByFirstCoverer(first.rep, byDemand.start, byDemand.site, candidateCount);
  let groupStart = new Int32Array(order.length + 1);
  for (let g = 0; g < order.length; g++) {
    const r = order[g];
    groupStart[g + 1] = groupStart[g] + byDemand.start[r + 1] - byDemand.start[r];
  }
  let groupSite = new Int32Array(groupStart[order.length]);
  const rank = new Int32Array(first.rep.length);
  for (let g = 0; g < order.length; g++) {
    const r = order[g];
    groupSite.set(byDemand.site.subarray(byDemand.start[r], byDemand.start[r + 1]), groupStart[g]);
    rank[first.groupOf[r]] = g;
  }
  let groupWeight = new Float64Array(order.length);
  for (let r = 0; r < activeDemand; r++) groupWeight[rank[first.groupOf[r]]] += weights[byDemand.point[r]];

  // Step 3 on the groups.
  const bySite = candidateLists(groupStart, groupSite, order.length, candidateCount);
  const keep = undominated(bySite, groupStart, groupSite, open, conflicts);
  let dropped = 0;
  for (let j = 0; j < candidateCount; j++) if (open[j] && !keep[j]) dropped++;

  // Step 4: merge again over the kept candidates (only when some were dropped).
  if (dropped > 0) {
    const second = groupLists(groupStart, groupSite, order.length, keep);
    const merged = second.rep; // ascending, so the order by first coverer is nearly kept
    const nextStart = new Int32Array(merged.length + 1);
    const nextSite: number[] = [];
    for (let h = 0; h < merged.length; h++) {
      const g = merged[h];
      for (let p = groupStart[g]; p < groupStart[g + 1]; p++) if (keep[groupSite[p]]) nextSite.push(groupSite[p]);
      nextStart[h + 1] = nextSite.length;
    }
    const nextWeight = new Float64Array(merged.length);
    for (let g = 0; g < order.length; g++) if (second.groupOf[g] >= 0) nextWeight[second.groupOf[g]] += groupWeight[g];
    groupStart = nextStart;
    groupSite = Int32Array.from(nextSite);
    groupWeight = nextWeight;
  }
  const groupCount = groupWeight.length;

  // Renumber the kept candidates 0..n−1 and build their group lists.
  const site: number[] = [];
  const newIndex = new Int32Array(candidateCount).fill(-1);
  for (let j = 0; j < candidateCount; j++) {
    if (keep[j]) {
      newIndex[j] = site.length;
      site.push(j);
    }
  }
  for (let p = 0; p < groupSite.length; p++) groupSite[p] = newIndex[groupSite[p]];
  const reduced = candidateLists(groupStart, groupSite, groupCount, site.length);
  return {
    problem: {
      coverage: { demandCount: groupCount, candidateCount: site.length, start: reduced.start, demand: reduced.demand },
      weights: groupWeight,
      baseline: new Uint8Array(groupCount),
      open: new Uint8Array(site.length).fill(1),
      conflicts: conflicts ? mapConflicts(conflicts, newIndex, site) : null,
    },
    site: Int32Array.from(site),
    constant,
    activeDemand,
    droppedCandidates: dropped,
    modelSize: {
      columns: openCount + activeDemand,
      nonzeros: pairs + activeDemand + openCount + (conflicts ? conflicts.neighbour.length : 0),
    },
    coverers: { start: groupStart, site: groupSite },
  };
}

/**
 * Demand → open candidates covering it (ascending), for the demand with `use[i]`, in a local
 * numbering: rows are numbered in order of first appearance in the candidates' lists, so that points
 * near each other get near numbers (far fewer cache misses than the input order on large inputs).
 * `point[r]` is the original demand index of row r.
 */
function transpose(sets: CoverageSets, open: Uint8Array, use: Uint8Array, control?: SolveControl): { start: Int32Array; site: Int32Array; point: Int32Array } {
  const { demandCount, candidateCount, start, demand } = sets;
  // label: −2 not used, −1 not seen yet, else the row (one array: one memory access per pair).
  const label = new Int32Array(demandCount);
  for (let i = 0; i < demandCount; i++) label[i] = use[i] ? -1 : -2;
  const counts = new Int32Array(demandCount + 1);
  const points = new Int32Array(demandCount);
  let rows = 0;
  for (let j = 0; j < candidateCount; j++) {
    if ((j & 255) === 0) control?.check();
    if (!open[j]) continue;
    for (let p = start[j]; p < start[j + 1]; p++) {
      const i = demand[p];
      let r = label[i];
      if (r === -2) continue;
      if (r === -1) {
        r = label[i] = rows;
        points[rows++] = i;
      }
      counts[r + 1]++;
    }
  }
  const out = counts.subarray(0, rows + 1);
  for (let r = 0; r < rows; r++) out[r + 1] += out[r];
  const site = new Int32Array(out[rows]);
  const fill = out.slice(0, rows);
  for (let j = 0; j < candidateCount; j++) {
    if (!open[j]) continue;
    for (let p = start[j]; p < start[j + 1]; p++) {
      const r = label[demand[p]];
      if (r >= 0) site[fill[r]++] = j;
    }
  }
  return { start: out.slice(), site, point: points.slice(0, rows) };
}

/** Candidate → rows listing it, from row → candidate lists (each candidate's rows ascending). */
function candidateLists(rowStart: Int32Array, rowSite: Int32Array, rowCount: number, candidateCount: number): CoverageSets {
  const start = new Int32Array(candidateCount + 1);
  for (let p = 0; p < rowStart[rowCount]; p++) start[rowSite[p] + 1]++;
  for (let j = 0; j < candidateCount; j++) start[j + 1] += start[j];
  const demand = new Int32Array(start[candidateCount]);
  const fill = start.slice(0, candidateCount);
  for (let r = 0; r < rowCount; r++) for (let p = rowStart[r]; p < rowStart[r + 1]; p++) demand[fill[rowSite[p]]++] = r;
  return { demandCount: rowCount, candidateCount, start, demand };
}

/**
 * Groups the rows (demand points or groups) by their list of `use` candidates, compared exactly.
 * Rows with no such candidate get group −1. Representatives are the first row of each group.
 */
function groupLists(
  rowStart: Int32Array,
  rowSite: Int32Array,
  rowCount: number,
  use: Uint8Array,
): { groupOf: Int32Array; rep: Int32Array } {
  const hash = new Int32Array(rowCount);
  const count = new Int32Array(rowCount);
  let rows = 0;
  for (let r = 0; r < rowCount; r++) {
    let h = 0x811c9dc5;
    let n = 0;
    for (let p = rowStart[r]; p < rowStart[r + 1]; p++) {
      const j = rowSite[p];
      if (!use[j]) continue;
      h = Math.imul(h ^ j, 0x01000193) + 0x9e3779b1;
      n++;
    }
    hash[r] = h ^ Math.imul(n, 0x85ebca77);
    count[r] = n;
    if (n > 0) rows++;
  }
  let size = 1;
  while (size < 2 * rows) size <<= 1;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const groupOf = new Int32Array(rowCount).fill(-1);
  const reps: number[] = [];
  const same = (a: number, b: number): boolean => {
    let p = rowStart[a];
    let q = rowStart[b];
    for (;;) {
      while (p < rowStart[a + 1] && !use[rowSite[p]]) p++;
      while (q < rowStart[b + 1] && !use[rowSite[q]]) q++;
      if (p === rowStart[a + 1] || q === rowStart[b + 1]) return p === rowStart[a + 1] && q === rowStart[b + 1];
      if (rowSite[p++] !== rowSite[q++]) return false;
    }
  };
  for (let r = 0; r < rowCount; r++) {
    if (count[r] === 0) continue;
    let slot = Math.imul(hash[r], 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const g = table[slot];
      if (g < 0) {
        table[slot] = reps.length;
        groupOf[r] = reps.length;
        reps.push(r);
        break;
      }
      const other = reps[g];
      if (hash[other] === hash[r] && count[other] === count[r] && same(other, r)) {
        groupOf[r] = g;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { groupOf, rep: Int32Array.from(reps) };
}

/** Representatives ordered by their first coverer (a counting sort; ties keep their order). */
function orderByFirstCoverer(rep: Int32Array, start: Int32Array, site: Int32Array, candidateCount: number): Int32Array {
  const bucket = new Int32Array(candidateCount + 1);
  for (const r of rep) bucket[site[start[r]] + 1]++;
  for (let j = 0; j < candidateCount; j++) bucket[j + 1] += bucket[j];
  const out = new Int32Array(rep.length);
  for (const r of rep) out[bucket[site[start[r]]]++] = r;
  return out;
}

/**
 * 1 for the open candidates that are neither dominated nor empty (see the file comment, step 3).
 * `sets`: candidate → groups; groupStart/groupSite: group → candidates, ascending.
 */
function undominated(sets: CoverageSets, groupStart: Int32Array, groupSite: Int32Array, open: Uint8Array, conflicts: ConflictGraph | null): Uint8Array {
  const { candidateCount, start, demand } = sets;
  const size = (j: number) => start[j + 1] - start[j];
  const keep = new Uint8Array(candidateCount);
  const neighbourMark = new Int32Array(conflicts ? candidateCount : 0).fill(-1);
  let dominators: number[] = [];
  for (let a = 0; a < candidateCount; a++) {
    if (!open[a] || size(a) === 0) continue;
    // The group of a with the fewest coverers: every dominator covers it.
    let rarest = demand[start[a]];
    for (let p = start[a] + 1; p < start[a + 1]; p++) {
      const g = demand[p];
      if (groupStart[g + 1] - groupStart[g] < groupStart[rarest + 1] - groupStart[rarest]) rarest = g;
    }
    if (conflicts) for (let q = conflicts.start[a]; q < conflicts.start[a + 1]; q++) neighbourMark[conflicts.neighbour[q]] = a;
    dominators = [];
    for (let q = groupStart[rarest]; q < groupStart[rarest + 1]; q++) {
      const b = groupSite[q];
      if (b === a || size(b) < size(a) || (size(b) === size(a) && b > a)) continue;
      if (conflicts && !conflictsWithin(conflicts, b, a, neighbourMark)) continue;
      dominators.push(b);
    }
    for (let p = start[a]; p < start[a + 1] && dominators.length > 0; p++) {
      const g = demand[p];
      if (g === rarest) continue;
      let n = 0;
      for (const b of dominators) if (contains(groupSite, groupStart[g], groupStart[g + 1], b)) dominators[n++] = b;
      dominators.length = n;
    }
    if (dominators.length === 0) keep[a] = 1;
  }
  return keep;
}

/** True when conflicts(b) ⊆ conflicts(a) ∪ {a}; `mark[c] === a` marks a's neighbours. */
function conflictsWithin(conflicts: ConflictGraph, b: number, a: number, mark: Int32Array): boolean {
  for (let q = conflicts.start[b]; q < conflicts.start[b + 1]; q++) {
    const c = conflicts.neighbour[q];
    if (c !== a && mark[c] !== a) return false;
  }
  return true;
}

/** Binary search for `value` in the ascending range list[from..to). */
function contains(list: Int32Array, from: number, to: number, value: number): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid];
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The conflict graph among the kept candidates, renumbered. */
function mapConflicts(conflicts: ConflictGraph, newIndex: Int32Array, site: readonly number[]): ConflictGraph | null {
  const start = new Int32Array(site.length + 1);
  const neighbour: number[] = [];
  for (let s = 0; s < site.length; s++) {
    const j = site[s];
    for (let q = conflicts.start[j]; q < conflicts.start[j + 1]; q++) {
      const other = newIndex[conflicts.neighbour[q]];
      if (other >= 0) neighbour.push(other);
    }
    start[s + 1] = neighbour.length;
  }
  return neighbour.length > 0 ? { candidateCount: site.length, start, neighbour: Int32Array.from(neighbour) } : null;
}
