/**
 * Capacitated assignment of demand to open sites as a maximum flow (Dinic):
 * source → demand i (capacity w_i) → site j if j covers i (unbounded) → sink (capacity cap_j).
 * Demand may be split between sites. The flow value is the most weight the sites can serve; as a
 * function of the open set it is submodular (a polymatroid rank), which the greedy relies on.
 */
import type { CoverageSets } from './types';

export interface AssignmentFlow {
  /** Total weight served. */
  value: number;
  /** Weight of each demand point served (length D). */
  served: Float64Array;
  /** Pair flows: for each site in `sites` order, [demand index, weight] pairs with weight > 0. */
  pairs: Array<Array<[number, number]>>;
}

/**
 * Maximum served weight for the given open sites. `residual` is the weight per demand still to serve
 * (0 for demand already served elsewhere).
 * @example assignmentFlow(coverage, residual, capacity, [2, 5]).value
 */
export function assignmentFlow(
  coverage: CoverageSets,
  residual: Float64Array,
  capacity: Float64Array,
  sites: readonly number[],
): AssignmentFlow {
  // Compact node numbering: 0 source, 1 sink, then sites, then the demand points they reach.
  const demandNode = new Map<number, number>();
  const demandOf: number[] = [];
  let edgeCount = 0;
  for (const j of sites) {
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) {
      const i = coverage.demand[p];
      if (!(residual[i] > 0)) continue;
      edgeCount++;
      if (!demandNode.has(i)) {
        demandNode.set(i, 2 + sites.length + demandOf.length);
        demandOf.push(i);
      }
    }
  }
  const nodeCount = 2 + sites.length + demandOf.length;
  const maxEdges = 2 * (edgeCount + sites.length + demandOf.length);
  const head = new Int32Array(nodeCount).fill(-1);
  const next = new Int32Array(maxEdges);
  const to = new Int32Array(maxEdges);
  const cap = new Float64Array(maxEdges);
  let e = 0;
  const addEdge = (a: number, b: number, c: number) => {
    to[e] = b;
    cap[e] = c;
    next[e] = head[a];
    head[a] = e++;
    to[e] = a;
    cap[e] = 0;
    next[e] = head[b];
    head[b] = e++;
  };
  let totalDemand = 0;
  for (let t = 0; t < demandOf.length; t++) {
    addEdge(0, 2 + sites.length + t, residual[demandOf[t]]);
    totalDemand += residual[demandOf[t]];
  }
  const pairEdge: number[][] = sites.map(() => []);
  sites.forEach((j, s) => {
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) {
      const node = demandNode.get(coverage.demand[p]);
      if (node === undefined) continue;
      pairEdge[s].push(e);
      addEdge(node, 2 + s, Infinity);
    }
    addEdge(2 + s, 1, Math.max(0, capacity[j]));
  });
  const eps = 1e-12 * Math.max(1, totalDemand);
  const level = new Int32Array(nodeCount);
  const iter = new Int32Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  const bfs = (): boolean => {
    level.fill(-1);
    level[0] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = 0;
    while (qh < qt) {
      const v = queue[qh++];
      for (let x = head[v]; x !== -1; x = next[x]) {
        if (cap[x] > eps && level[to[x]] < 0) {
          level[to[x]] = level[v] + 1;
          queue[qt++] = to[x];
        }
      }
    }
    return level[1] >= 0;
  };
  const dfs = (v: number, pushed: number): number => {
    if (v === 1) return pushed;
    for (; iter[v] !== -1; iter[v] = next[iter[v]]) {
      const x = iter[v];
      const u = to[x];
      if (cap[x] <= eps || level[u] !== level[v] + 1) continue;
      const got = dfs(u, Math.min(pushed, cap[x]));
      if (got > 0) {
        cap[x] -= got;
        cap[x ^ 1] += got;
        return got;
      }
    }
    return 0;
  };
  let value = 0;
  while (bfs()) {
    iter.set(head);
    for (let f = dfs(0, Infinity); f > eps; f = dfs(0, Infinity)) value += f;
  }
  const served = new Float64Array(coverage.demandCount);
  const pairs: Array<Array<[number, number]>> = sites.map(() => []);
  sites.forEach((_, s) => {
    for (const x of pairEdge[s]) {
      const flow = cap[x ^ 1]; // reverse residual = flow on the demand → site edge
      if (flow > eps) {
        const i = demandOf[to[x ^ 1] - 2 - sites.length];
        served[i] += flow;
        pairs[s].push([i, flow]);
      }
    }
  });
  return { value, served, pairs };
}
