/**
 * Independent brute-force solvers for tiny instances (enumerate every site set), used to check the
 * optimiser's exact answers and the validity of its bounds. Written from the problem definitions,
 * sharing no code with shared/optimize.
 */

export interface TinyInstance {
  /** cost[i][j], Infinity = unreachable. */
  cost: number[][];
  weights: number[];
  k: number;
  /** Candidates already open (not counted in k). */
  fixed: number[];
  /** Candidates that may be opened as new sites. */
  eligible: boolean[];
  /** Pairs of candidates that may not both be new sites. */
  conflicts: Array<[number, number]>;
  /** Service threshold for the coverage problems. */
  radius: number;
  capacity: number[];
}

/** Every conflict-free set of at most k new sites (eligible, not fixed). */
export function* siteSets(inst: TinyInstance): Generator<number[]> {
  const C = inst.eligible.length;
  const pool = [...Array(C).keys()].filter((j) => inst.eligible[j] && !inst.fixed.includes(j));
  const clash = (a: number, b: number) => inst.conflicts.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  function* grow(from: number, chosen: number[]): Generator<number[]> {
    yield chosen;
    if (chosen.length === inst.k) return;
    for (let t = from; t < pool.length; t++) {
      const j = pool[t];
      if (chosen.some((c) => clash(c, j))) continue;
      yield* grow(t + 1, [...chosen, j]);
    }
  }
  yield* grow(0, []);
}

const openSet = (inst: TinyInstance, sites: number[]) => [...inst.fixed, ...sites];

export function bruteMaxCoverage(inst: TinyInstance): number {
  let best = -Infinity;
  for (const s of siteSets(inst)) {
    const open = openSet(inst, s);
    let v = 0;
    inst.weights.forEach((w, i) => {
      if (open.some((j) => inst.cost[i][j] <= inst.radius)) v += w;
    });
    best = Math.max(best, v);
  }
  return best;
}

/** Fewest new sites covering every demand with weight > 0; null when impossible. */
export function bruteMinFacilities(inst: TinyInstance, share = 1): number | null {
  const total = inst.weights.reduce((a, b) => a + b, 0);
  let best: number | null = null;
  for (const s of siteSets({ ...inst, k: inst.eligible.length })) {
    const open = openSet(inst, s);
    let v = 0;
    let all = true;
    inst.weights.forEach((w, i) => {
      const covered = open.some((j) => inst.cost[i][j] <= inst.radius);
      if (covered) v += w;
      else if (w > 0) all = false;
    });
    const ok = share === 1 ? all : v >= share * total * (1 - 1e-12);
    if (ok && (best === null || s.length < best)) best = s.length;
  }
  return best;
}

function nearest(inst: TinyInstance, open: number[], i: number): number {
  let best = Infinity;
  for (const j of open) best = Math.min(best, inst.cost[i][j]);
  return best;
}

/** Least Σ w·cost to the nearest open site; null when no set reaches every demand with weight > 0. */
export function brutePMedian(inst: TinyInstance): number | null {
  let best: number | null = null;
  for (const s of siteSets(inst)) {
    const open = openSet(inst, s);
    let v = 0;
    let ok = true;
    inst.weights.forEach((w, i) => {
      if (!(w > 0)) return;
      const c = nearest(inst, open, i);
      if (c === Infinity) ok = false;
      else v += w * c;
    });
    if (ok && (best === null || v < best)) best = v;
  }
  return best;
}

/** Least worst cost over demand with weight > 0; null when no set reaches every such demand. */
export function brutePCenter(inst: TinyInstance): number | null {
  let best: number | null = null;
  for (const s of siteSets(inst)) {
    const open = openSet(inst, s);
    let v = 0;
    inst.weights.forEach((w, i) => {
      if (w > 0) v = Math.max(v, nearest(inst, open, i));
    });
    if (v < Infinity && (best === null || v < best)) best = v;
  }
  return best;
}

/** Most weight assignable within radius and capacities (demand may be split). */
export function bruteCapacitated(inst: TinyInstance): number {
  let best = 0;
  for (const s of siteSets(inst)) best = Math.max(best, maxFlow(inst, openSet(inst, s)));
  return best;
}

/** Edmonds–Karp on a dense residual matrix: source, demand, sites, sink. */
function maxFlow(inst: TinyInstance, open: number[]): number {
  const D = inst.weights.length;
  const n = 2 + D + open.length;
  const cap = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const source = 0;
  const sink = n - 1;
  inst.weights.forEach((w, i) => (cap[source][1 + i] = w));
  open.forEach((j, s) => {
    cap[1 + D + s][sink] = inst.capacity[j];
    for (let i = 0; i < D; i++) if (inst.cost[i][j] <= inst.radius) cap[1 + i][1 + D + s] = Infinity;
  });
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(n).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length > 0 && parent[sink] < 0) {
      const v = queue.shift()!;
      for (let u = 0; u < n; u++) {
        if (parent[u] < 0 && cap[v][u] > 1e-12) {
          parent[u] = v;
          queue.push(u);
        }
      }
    }
    if (parent[sink] < 0) return flow;
    let push = Infinity;
    for (let v = sink; v !== source; v = parent[v]) push = Math.min(push, cap[parent[v]][v]);
    for (let v = sink; v !== source; v = parent[v]) {
      cap[parent[v]][v] -= push;
      cap[v][parent[v]] += push;
    }
    flow += push;
  }
}
